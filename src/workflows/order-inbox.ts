import type { Cohort, InboxState, OrderMemory, RequeueRequest } from '../contract';
import { planWriteBacks } from '../mapping/write-back';
import type { Shipment } from '../shipstation/schemas';

/** The same shipment: a label by its id, a "mark as shipped" fulfillment by its own (a sequence of its own). */
const sameShipment = (a: Shipment, b: Shipment): boolean => a.shipmentId === b.shipmentId && a.fulfillmentId === b.fulfillmentId;

/** Each shipment once by id, the latest copy winning, except that a void is final. */
export function rememberShipments(known: Shipment[], seen: readonly Shipment[]): void {
  for (const s of seen) {
    const i = known.findIndex((k) => sameShipment(k, s));
    if (i === -1) known.push(s);
    else known[i] = known[i].voided && !s.voided ? { ...s, voided: true, voidDate: known[i].voidDate } : s;
  }
}

/** The order's copies of the told shipments when it holds every one as it is (voided if it is: a void is final). */
function heldCopies(memory: OrderMemory, told: readonly Shipment[]): Shipment[] | undefined {
  const held: Shipment[] = [];
  for (const s of told) {
    const k = memory.known.find((k) => sameShipment(k, s));
    if (k === undefined || (s.voided && !k.voided)) return undefined;
    held.push(k);
  }
  return held;
}

/** Nothing of these shipments is left to write back (a write-back that failed is retried by news). */
const allWrittenBack = (memory: OrderMemory, held: readonly Shipment[]): boolean => planWriteBacks(held, memory.writtenBack).length === 0;

/**
 * Every event that reaches an order (sighting, requeue, shipments, cancel) lands here, and the stage functions
 * take them from here: one place instead of flags spread over closures. Handlers only record; they never act.
 */
export class Inbox {
  private state: InboxState;

  constructor(
    private readonly memory: OrderMemory,
    carried?: InboxState,
  ) {
    this.state = carried ?? { queuedSeenAtMs: undefined, requeuedAtMs: undefined, requeueSource: undefined, cancelReason: undefined, news: false, lookNow: false };
  }

  /**
   * The ingest saw the order queued. UltraCart hands an order out until it is acknowledged, so a sighting read
   * before our latest acknowledgement is the same queue entry: dropped. A newer one means UltraCart hands the
   * order out again (the merchant requeued it), and it is recorded once however many ingest runs see it.
   */
  sighted(request: RequeueRequest): void {
    if (request.order !== undefined) {
      this.state.latestOrder = request.order;
      this.state.latestOrderStale = undefined;
      this.state.importCohort = request.cohort;
    }
    if (request.seenAt === undefined) return this.requeued(request);
    const ack = this.memory.acknowledgedAtMs;
    if (ack !== undefined && request.seenAt <= ack) return;
    this.state.queuedSeenAtMs = Math.max(this.state.queuedSeenAtMs ?? 0, request.seenAt);
  }

  requeued(request: RequeueRequest): void {
    this.state.requeuedAtMs = Date.now();
    this.state.requeueSource = request.source;
    // A requeue without data (ucship requeue) may follow an edit in UltraCart: the data on hand may be old.
    if (request.order === undefined && this.state.latestOrder !== undefined) this.state.latestOrderStale = true;
  }

  /**
   * Shipment news. `knownAreNoNews` is asked only when the order already has all of it: the sweeps repeat what
   * a webhook told, and such a repeat must not cost a written-back order a poll. With `heldAreNoNews`, a repeat
   * of shipments the order holds but is still writing back (the sweep and the webhook crossing) is news only if,
   * when a stage looks, something it holds is still not written back.
   */
  notified(shipments: Shipment[], cohort: Cohort | undefined, lookNow: boolean, knownAreNoNews: () => boolean, heldAreNoNews = false): void {
    const asked = lookNow || shipments.length === 0;
    const held = asked ? undefined : heldCopies(this.memory, shipments);
    if (held && allWrittenBack(this.memory, held) && knownAreNoNews()) return;
    rememberShipments(this.memory.known, shipments);
    if (held && heldAreNoNews) {
      this.state.repeat = true;
      return;
    }
    this.state.news = true;
    this.state.newsCohort = cohort;
    if (asked) this.state.lookNow = true;
  }

  cancelled(reason: string | undefined): void {
    this.state.cancelReason = reason ?? 'cancel requested';
  }

  retryNow(): void {
    this.state.retryNow = true;
  }

  /** A `retrying` order was asked to run its retry now. */
  get retryNowAsked(): boolean {
    return this.state.retryNow === true;
  }

  /** An attempt begins (the retry, an import pass, a write-back): an earlier "retry now" is answered by it. */
  attemptStarted(): void {
    this.state.retryNow = undefined;
  }

  /** UltraCart hands the order out again, or a person asked: the order goes through import again. */
  get wantsImport(): boolean {
    return this.state.queuedSeenAtMs !== undefined || this.state.requeuedAtMs !== undefined;
  }

  /** A person asked (ucship requeue): acted on in every stage. */
  get personAsked(): boolean {
    return this.state.requeuedAtMs !== undefined;
  }

  /** UltraCart hands the order out again after our acknowledgement. */
  get queuedAgain(): boolean {
    return this.state.queuedSeenAtMs !== undefined;
  }

  /** The data to import, whether a requeue since it arrived asks for the latest version instead, and its batch. */
  get orderToImport(): { latest: unknown; refetch: boolean; cohort: Cohort | undefined } {
    return { latest: this.state.latestOrder, refetch: this.state.latestOrderStale === true, cohort: this.state.importCohort };
  }

  get cancelReason(): string | undefined {
    return this.state.cancelReason;
  }

  get hasNews(): boolean {
    return this.state.news || (this.state.repeat === true && !allWrittenBack(this.memory, this.memory.known));
  }

  /** Whether anything waits that an open stage must react to. */
  get anyEvent(): boolean {
    return this.wantsImport || this.cancelReason !== undefined || this.hasNews;
  }

  /**
   * After an import pass that read UltraCart at `readAtMs` and acknowledged at `acknowledgedAtMs`: the sightings
   * that acknowledgement covered and the requests made before the read are done.
   */
  imported(readAtMs: number, acknowledgedAtMs: number | undefined): void {
    // Its batch has gone by: a later pass travels alone.
    this.state.importCohort = undefined;
    if (acknowledgedAtMs !== undefined && (this.state.queuedSeenAtMs ?? Infinity) <= acknowledgedAtMs) this.state.queuedSeenAtMs = undefined;
    if ((this.state.requeuedAtMs ?? Infinity) <= readAtMs) {
      this.state.requeuedAtMs = undefined;
      this.state.requeueSource = undefined;
    }
  }

  /** Takes the shipment news: whether a poll of ShipStation was asked for, and the notification it came in. */
  takeNews(): { lookNow: boolean; cohort: Cohort | undefined } {
    const { lookNow, newsCohort: cohort } = this.state;
    this.state.news = false;
    this.state.repeat = undefined;
    this.state.lookNow = false;
    this.state.newsCohort = undefined;
    return { lookNow, cohort };
  }

  /** A cancel that cannot be honoured (the order shipped) is answered once, in lastError, and forgotten. */
  refuseCancel(): string | undefined {
    const reason = this.state.cancelReason;
    this.state.cancelReason = undefined;
    return reason;
  }

  snapshot(): InboxState {
    return { ...this.state };
  }
}
