import { AsyncLocalStorage } from 'node:async_hooks';

/** Facts about the HTTP request in progress, readable from any service without threading them through. */
export interface RequestContext {
  ip: string | null;
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}
