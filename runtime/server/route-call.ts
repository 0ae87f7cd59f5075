import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeadlineTicket, Expirable } from './deadline-queue.js';
import { sendErrorAnswer } from './error-body.js';
import { answerHandlerError } from './handler-errors.js';
import {
  fingerprintRequest,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
} from './idempotency.js';
import type { IdempotencyClaim, StoredAnswer } from './idempotency.js';
import { isClientGone, ServerRequestContext } from './request-context.js';
import { isRequestRejection, RequestRejection } from './request-rejection.js';
import { validateRequest } from './request-validation.js';
import type { RouteRequest } from './route.js';
import {
  answerBadKey,
  answerClientClosed,
  answerKeyReused,
  replayAnswer,
  sendSuccess,
} from './route-answers.js';
import type { RouteRunner } from './route-handler.js';

/**
 * One request of a contract route, from validation to its answer.
 *
 * A request without an idempotency claim that finds a free bulkhead slot (or has no bulkhead)
 * runs without an async frame or a promise of its own: its handler's promise is all it waits
 * on, and its time limit is a place in the route's deadline queue, where the call itself is
 * the entry. A claim, or a wait for a slot, goes through their promises first.
 *
 * Whatever comes first settles the call, once: the handler's result, its error, or the
 * deadline; the slot and the deadline are given back then, and what comes later is ignored.
 */
export class RouteCall<H> implements Expirable {
  readonly #runner: RouteRunner<H>;
  readonly #request: FastifyRequest;
  readonly #reply: FastifyReply;
  readonly #context: ServerRequestContext;
  #claim: IdempotencyClaim | undefined = undefined;
  #ticket: DeadlineTicket | undefined = undefined;
  #holdsSlot = false;
  #settled = false;

  constructor(runner: RouteRunner<H>, request: FastifyRequest, reply: FastifyReply) {
    this.#runner = runner;
    this.#request = request;
    this.#reply = reply;
    this.#context = new ServerRequestContext({
      requestId: request.id,
      headers: request.headers,
      log: request.log,
      route: runner.identity.route,
      profile: runner.identity.profile,
      response: reply.raw,
    });
  }

  /**
   * Passes the route's gate when the handler runs it, then validates the request, claims its
   * idempotency key when it has one, and runs it.
   */
  start(): void {
    const gate = this.#runner.gate;
    if (gate === undefined) {
      return this.#begin();
    }
    gate(this.#request, this.#reply, (error) => {
      if (error !== undefined) {
        // As fastify does with an onRequest hook's error: its error handler answers.
        this.#reply.send(error);
      } else if (!this.#reply.sent) {
        this.#begin();
      }
    });
  }

  #begin(): void {
    const { prepared, identity } = this.#runner;
    let values: RouteRequest;
    try {
      values = validateRequest(prepared.validators, this.#request, identity);
    } catch (error) {
      return this.#fail(error);
    }
    const key = this.#request.headers[IDEMPOTENCY_KEY_HEADER];
    if (prepared.route.idempotent === true && key !== undefined) {
      void this.#claimThenEnter(values, key);
    } else {
      this.#enter(values);
    }
  }

  /** The route's time limit passed first: the handler's signal aborts, and the answer is 504. */
  expire(): void {
    const limit = this.#runner.prepared.protection.timeLimit;
    if (limit === undefined || this.#settled) {
      return;
    }
    const error = limit.report();
    this.#context.abort(error);
    this.#fail(error);
  }

  async #claimThenEnter(values: RouteRequest, key: string | string[]): Promise<void> {
    try {
      const claim = await this.#claimKey(values, key);
      this.#claim = claim;
      if (claim.kind === 'replay') {
        this.#closeIfDraining();
        replayAnswer(this.#reply, claim.answer);
      } else {
        this.#enter(values);
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  async #claimKey(values: RouteRequest, key: string | string[]): Promise<IdempotencyClaim> {
    const { prepared, deps, identity } = this.#runner;
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new RequestRejection(answerBadKey(), identity);
    }
    const fingerprint = fingerprintRequest(values);
    const signal = this.#context.signal;
    const claim = await deps.idempotency.claim(prepared.route.name, key, fingerprint, signal);
    if (claim.kind === 'mismatch') {
      throw new RequestRejection(answerKeyReused(), identity);
    }

    return claim;
  }

  #enter(values: RouteRequest): void {
    const bulkhead = this.#runner.prepared.protection.bulkhead;
    if (bulkhead === undefined) {
      return this.#invoke(values);
    }
    if (bulkhead.tryEnter()) {
      this.#holdsSlot = true;

      return this.#invoke(values);
    }
    // Only a request that has to queue reads its signal: a client that leaves leaves the queue.
    bulkhead.enter(this.#context.signal, this.#runner.identity).then(
      () => {
        this.#holdsSlot = true;
        this.#invoke(values);
      },
      (error: unknown) => this.#fail(error),
    );
  }

  #invoke(values: RouteRequest): void {
    const { prepared, handlers } = this.#runner;
    const limit = prepared.protection.timeLimit;
    if (limit !== undefined) {
      this.#ticket = limit.deadlines.add(this);
    }
    let result: Promise<unknown>;
    try {
      result = prepared.route.invoke(handlers, values, this.#context);
    } catch (error) {
      return this.#fail(error);
    }
    // A native promise comes back as it is; anything else a handler returned is wrapped.
    Promise.resolve(result).then(
      (value: unknown) => this.#succeed(value),
      (error: unknown) => this.#fail(error),
    );
  }

  #succeed(value: unknown): void {
    if (!this.#settle()) {
      return;
    }
    try {
      this.#closeIfDraining();
      const keep = this.#claim?.kind === 'run';
      const answer = sendSuccess(this.#reply, this.#runner.prepared, this.#context, value, keep);
      this.#settleClaim(answer);
    } catch (error) {
      this.#answerError(error);
    }
  }

  #fail(error: unknown): void {
    if (this.#settle()) {
      this.#answerError(error);
    }
  }

  /** Marks the call settled and gives back its slot and deadline; false when it already was. */
  #settle(): boolean {
    if (this.#settled) {
      return false;
    }
    this.#settled = true;
    const { bulkhead, timeLimit } = this.#runner.prepared.protection;
    if (this.#ticket !== undefined) {
      timeLimit?.deadlines.remove(this.#ticket);
    }
    if (this.#holdsSlot) {
      this.#holdsSlot = false;
      bulkhead?.release();
    }

    return true;
  }

  #settleClaim(answer: StoredAnswer | undefined): void {
    const claim = this.#claim;
    this.#claim = undefined;
    if (claim?.kind === 'run') {
      claim.settle(answer);
    }
  }

  #closeIfDraining(): void {
    // A keep-alive connection would hold a draining server open: close it after this answer.
    if (!this.#runner.deps.isReady()) {
      this.#reply.header('connection', 'close');
    }
  }

  #answerError(error: unknown): void {
    this.#settleClaim(undefined);
    const { deps } = this.#runner;
    const answer = isClientGone(this.#reply.raw)
      ? answerClientClosed()
      : isRequestRejection(error)
        ? error.answer
        : answerHandlerError(error, { ...deps, nowMs: deps.clock.now() });
    if (answer.status >= 500) {
      this.#request.log.error({ err: error }, 'handler failed');
    }
    try {
      this.#closeIfDraining();
      sendErrorAnswer(this.#reply, answer);
    } catch (sendError) {
      // As fastify does with a handler's rejected promise: its error handler answers.
      this.#reply.send(sendError);
    }
  }
}
