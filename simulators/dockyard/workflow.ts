// State changes of shipment orders (admin moves, or a step timer like the warehouse's) and the
// webhook each change sends: `Dock-Signature` is the lowercase hex HMAC-SHA256 of the raw body,
// keyed with the configured secret as UTF-8. The body bytes are frozen, so retries carry the same
// signature.
import { createHmac } from 'node:crypto';
import type { DeliveryPolicy } from '../shared-delivery';
import type { WebhookChaos } from '../shared-chaos';
import type { Rng, TimerSet } from '../shared-runtime';
import { WebhookSender } from '../shared-webhooks';
import type { Endpoint } from '../shared-webhooks';
import type { ShipmentState, StoredOrder } from './orders';

export interface EventMeta {
  orderId: string;
  state: ShipmentState;
}

export function signDock(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function dockSender(
  policy: DeliveryPolicy,
  timers: TimerSet,
  rng: Rng,
  endpoint: Endpoint | undefined,
): WebhookSender<EventMeta> {
  return new WebhookSender<EventMeta>(
    policy,
    timers,
    rng,
    (target, event) => ({
      'Content-Type': 'application/json',
      'User-Agent': 'Dockyard-Webhooks/2',
      'Dock-Event-Id': event.eventId,
      'Dock-Signature': signDock(target.secret, event.body),
    }),
    endpoint,
  );
}

const MAIN: readonly ShipmentState[] = ['booked', 'picking', 'in_transit', 'delivered'];
const TERMINAL: readonly ShipmentState[] = ['delivered', 'refused'];

export class InvalidTransition extends Error {}

/**
 * Forward along booked → picking → in_transit → delivered (steps may be skipped), to on_hold or
 * refused from any open state, and from on_hold back onto the main path. delivered and refused
 * are final.
 */
export function checkTransition(from: ShipmentState, to: ShipmentState): void {
  const refuse = (why: string): never => {
    throw new InvalidTransition(`cannot move a shipment order from ${from} to ${to}: ${why}`);
  };
  if (TERMINAL.includes(from)) refuse(`${from} is final`);
  if (from === to) refuse('it is already there');
  if (to === 'on_hold' || to === 'refused' || from === 'on_hold') return;
  if (MAIN.indexOf(to) < MAIN.indexOf(from)) refuse('states only move forward');
}

/** The next main-path state, or undefined where only an explicit state can follow. */
export function nextState(from: ShipmentState): ShipmentState | undefined {
  const i = MAIN.indexOf(from);
  return i >= 0 && i < MAIN.length - 1 ? MAIN[i + 1] : undefined;
}

/**
 * `due` keeps insertion order equal to due-time order (entries are re-inserted at now + stepMs), so
 * a tick stops at the first entry not due yet.
 */
export class Workflow {
  private readonly due = new Map<string, number>();

  constructor(
    private readonly byId: ReadonlyMap<string, StoredOrder>,
    private readonly sender: WebhookSender<EventMeta>,
    /** Event ids: seeded, and not restarted by reset (Waybill dedupes deliveries by them). */
    private readonly eventRng: Rng,
    private readonly chaos: () => WebhookChaos,
    private readonly stepMs: number,
    timers: TimerSet,
  ) {
    if (stepMs > 0) {
      timers.interval(Math.min(1000, Math.max(10, Math.floor(stepMs / 5))), () => this.tick());
    }
  }

  track(order: StoredOrder): void {
    if (this.stepMs > 0 && nextState(order.state)) this.due.set(order.id, Date.now() + this.stepMs);
  }

  move(order: StoredOrder, to: ShipmentState): void {
    checkTransition(order.state, to);
    order.state = to;
    order.updated_at = new Date().toISOString();
    this.due.delete(order.id);
    this.track(order);
    this.notify(order);
  }

  reset(): void {
    this.due.clear();
  }

  private tick(): void {
    const now = Date.now();
    for (const [id, at] of this.due) {
      if (at > now) break;
      const order = this.byId.get(id);
      const next = order && nextState(order.state);
      if (order && next) this.move(order, next);
      else this.due.delete(id);
    }
  }

  private notify(order: StoredOrder): void {
    let eventId = 'evt_';
    for (let i = 0; i < 24; i++) eventId += this.eventRng.int(0, 15).toString(16);
    const event = {
      event_id: eventId,
      type: `shipment_order.${order.state}`,
      occurred_at: order.updated_at,
      data: structuredClone(order),
    };
    const body = Buffer.from(JSON.stringify(event));
    const meta = { orderId: order.id, state: order.state };
    this.sender.emit(eventId, event.type, meta, body, this.chaos());
  }
}
