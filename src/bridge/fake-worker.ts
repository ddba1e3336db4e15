/**
 * Test-only: a Worker stand-in for the bridge's tests (Node has no Web Worker). A real Comlink
 * endpoint over a MessageChannel in this process exposes `api`, as the worker module would;
 * `terminate` closes it (messages stop both ways, as when the browser ends a worker) and `crash`
 * fires the `error` event a dying worker fires on its Worker object.
 */
import * as Comlink from 'comlink';

export class FakeWorker extends EventTarget {
  terminated = false;
  private readonly port: MessagePort;
  private readonly inside: MessagePort;

  constructor(api: object) {
    super();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2);
    this.port = port1;
    this.inside = port2;
    port1.addEventListener('message', (event) => {
      if (!this.terminated)
        this.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data }));
    });
    port1.start();
  }

  postMessage(data: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.port.postMessage(data, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
    this.inside.close();
  }

  /** What the browser fires on the Worker object when the worker dies or throws uncaught. */
  crash(message: string): Event {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.dispatchEvent(event);
    return event;
  }
}
