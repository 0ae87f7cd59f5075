/**
 * JSON pointers (RFC 6901) name a value inside a JSON document: `/resilience/default/retry`.
 * The empty pointer names the whole document.
 */

/** Escapes one key or index for use as a pointer segment (`~` → `~0`, `/` → `~1`). */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Appends one segment to `pointer`, escaping it. */
export function appendPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${escapePointerSegment(segment)}`;
}

/** Builds a pointer from its unescaped segments; no segments gives the root pointer `''`. */
export function formatPointer(segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>(appendPointer, '');
}

/** Gives the pointer of the value that contains the one `pointer` names (the root's is itself). */
export function getParentPointer(pointer: string): string {
  const slash = pointer.lastIndexOf('/');

  return slash <= 0 ? '' : pointer.slice(0, slash);
}
