/**
 * resilgen's runtime: the policies every generated client and server builds on, and the
 * decorators of a contract. Import it as `resilgen/runtime`.
 */
export * from './decorators.js';
