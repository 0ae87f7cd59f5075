import { isAxiosError } from 'axios';
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import axiosRetry from 'axios-retry';
import { STOP } from './call-run.js';
import type { CallRun } from './call-run.js';
import type { CallIdentity } from './errors.js';
import { decodeBody, describeAnswer, readHeaders, translateAxiosError } from './http-decode.js';
import { ResponseValidationError } from './http-errors.js';
import { formatValidationErrors } from './validation.js';
import type { ValidationIssue, Validator } from './validation.js';

/** A 2xx answer, decoded and validated. */
export interface ReceivedData<T> {
  readonly data: T;
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Checks that a decoded body has the route's declared type. */
export type BodyValidator<T> = (data: unknown) => data is T;

const withRetries = new WeakSet<AxiosInstance>();

/**
 * Attaches axios-retry to `instance`, once per instance. Its defaults retry nothing: only a
 * request whose own config carries `'axios-retry'` options (as {@link sendWithRetries} sets
 * them) is retried, so other requests on an instance the caller shares are left alone.
 */
export function attachRetries(instance: AxiosInstance): void {
  if (!withRetries.has(instance)) {
    axiosRetry(instance, { retries: 0 });
    withRetries.add(instance);
  }
}

/**
 * Sends one call with axios, axios-retry driving its retries from the route's profile, and
 * `run` deciding every step, so the HTTP path takes the same decisions as the plain-function
 * retry loop:
 * - before each attempt, the breaker is asked (an open breaker throws before any I/O) and the
 *   attempt gets its own time limit and signal (a retry gets the full attempt timeout again);
 * - `retryCondition` ends each failed attempt (the breaker sees every attempt, not just the
 *   last) and asks the run whether and how long to wait;
 * - `onRetry` waits on the injected clock, cancellable by the call's signal. `retryDelay`
 *   returns 0 because axios-retry's own wait is a real `setTimeout` that neither a test clock
 *   nor the caller's abort can drive.
 *
 * `instance` must have had {@link attachRetries}. `config` is completed with the signal and
 * the retry options.
 *
 * @throws the call's last error (an {@link HttpError}, {@link NetworkError},
 *   {@link ResponseValidationError} or {@link TimeoutError}), a {@link RetriesExhaustedError}
 *   wrapping it, or what a policy threw ({@link BrokenCircuitError}, {@link AbortError}).
 */
export async function sendWithRetries<T>(
  run: CallRun,
  instance: AxiosInstance,
  config: AxiosRequestConfig,
  validate: BodyValidator<T> | undefined,
): Promise<ReceivedData<T>> {
  const { identity, retry } = run.route.settings;
  run.beginAttempt();
  config.signal = run.attemptSignal;
  config['axios-retry'] = {
    retries: retry.maxAttempts - 1,
    retryCondition: (error) => run.concludeAttempt(explainFailure(run, error)) !== STOP,
    retryDelay: () => 0,
    onRetry: async (_retry, _error, retryConfig) => {
      await run.waitBeforeRetry();
      run.beginAttempt();
      retryConfig.signal = run.attemptSignal;
    },
  };
  let response: AxiosResponse<unknown>;
  try {
    response = await instance.request<unknown>(config);
  } catch (thrown) {
    throw concludeCall(run, thrown);
  }
  try {
    const answer = readAnswer(response, validate, identity);
    run.endAttempt('success', answer.status);

    return answer;
  } catch (invalid) {
    run.concludeAttempt(invalid, false);
    throw run.finish();
  }
}

/**
 * Reads a 2xx answer: headers, body decoded from its text, then `validate`.
 *
 * @throws {@link ResponseValidationError} when the body does not decode or validate.
 */
export function readAnswer<T>(
  response: AxiosResponse<unknown>,
  validate: BodyValidator<T> | undefined,
  identity: CallIdentity,
): ReceivedData<T> {
  const text = typeof response.data === 'string' ? response.data : '';
  const headers = readHeaders(response.headers);
  const invalid = (
    reason: 'decode' | 'validate',
    cause?: unknown,
    issues?: readonly ValidationIssue[],
  ): ResponseValidationError =>
    new ResponseValidationError(
      reason,
      describeAnswer(response.status, headers, text),
      { ...identity, cause },
      issues,
    );
  const decoded = decodeBody(text, headers['content-type']);
  if (!decoded.ok) {
    throw invalid('decode');
  }
  if (validate) {
    let valid: boolean;
    try {
      valid = validate(decoded.value);
    } catch (error) {
      throw invalid('validate', error);
    }
    if (!valid) {
      // A validator from compileValidator keeps what failed; a plain type guard does not.
      const errors = (validate as Partial<Validator<T>>).errors;
      throw invalid('validate', undefined, formatValidationErrors(errors, 'body'));
    }
  }

  return { data: decoded.value as T, status: response.status, headers };
}

/** The run's view of a failed attempt: aborts and timeouts first, then the axios error. */
function explainFailure(run: CallRun, error: unknown): unknown {
  const explained = run.explain(error);

  return isAxiosError(explained)
    ? translateAxiosError(explained, run.route.settings.identity)
    : explained;
}

/** The error a call that axios rejected ends with. */
function concludeCall(run: CallRun, thrown: unknown): unknown {
  if (run.attemptOpen) {
    // axios-retry gave up without asking retryCondition (its retry count ran out, or the
    // error had no config): the attempt still has to be ended and the reason reported.
    run.concludeAttempt(explainFailure(run, thrown), false);

    return run.finish();
  }

  // An axios error here is the one retryCondition declined; anything else was thrown by
  // onRetry (the caller's abort during the wait, the total timeout, an open breaker).
  return isAxiosError(thrown) ? run.finish() : thrown;
}
