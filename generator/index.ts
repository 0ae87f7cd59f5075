// resilgen's library API: what the `resilgen` command wraps. A plain list of re-exports.

export { GeneratorError, isGeneratorError } from './errors.js';
export type { GeneratorErrorOptions, SourceLocation } from './errors.js';
export { GeneratorErrorCodes } from './error-codes.js';
export type { GeneratorErrorCode } from './error-codes.js';

export { loadConfig, validateConfigBytes, validateConfigFile } from './config/load.js';
export type { ConfigReport, PhaseTiming } from './config/load.js';
export { ConfigError, isConfigError } from './config/config-error.js';
export { compareDiagnostics, formatDiagnostic } from './config/diagnostics.js';
export type { ConfigDiagnostic, ConfigFinding, DiagnosticSeverity } from './config/diagnostics.js';
export { CONFIG_DEFAULTS } from './config/defaults.js';
export type { ConfigDefaults, ProfileDefaults } from './config/defaults.js';
export { CONFIG_SCHEMA_PATH, readConfigSchema } from './config/schema.js';
export { readPackageVersion } from './package-files.js';
export type {
  BackoffType,
  BreakerType,
  ConfigSource,
  FallbackStrategy,
  JitterKind,
  Milliseconds,
  NormalizedBulkhead,
  NormalizedCache,
  NormalizedChaos,
  NormalizedCircuitBreaker,
  NormalizedConfig,
  NormalizedEndpoint,
  NormalizedFallback,
  NormalizedFault,
  NormalizedMonitoring,
  NormalizedProfile,
  NormalizedResilienceEndpoint,
  NormalizedRetry,
  NormalizedRetryBudget,
  NormalizedService,
  NormalizedTimeout,
  Ratio,
} from './config/types.js';

export { runCli, ExitCodes } from './commands/program.js';
export { defineCommand } from './commands/command.js';
export type {
  CliCommand,
  CliCommandSpec,
  CliContext,
  CliIo,
  CommandOutcome,
  CommandTiming,
} from './commands/command.js';
export { formatValidateJson } from './commands/validate.js';
export type { JsonDiagnostic, ValidateJsonResult } from './commands/validate.js';

export { generate } from './generate.js';
export type { GenerateOptions, GenerateResult } from './generate.js';
export { readContract, tryReadContract } from './contract/read-contract.js';
export type { ReadContractOptions } from './contract/read-contract.js';
export { ContractInvalidError, isContractInvalidError } from './contract/contract-invalid-error.js';
export type * from './model.js';
