import {
  QueryClient,
  type QueryKey,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import i18n from '../i18n';

/** What an `api.GET/POST/…` call resolves to (openapi-fetch's result, reduced to what the hooks read). */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** A refused or failed API call, carrying the HTTP status so retry and rendering can tell 4xx from 5xx. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super((body as { message?: string } | undefined)?.message ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return (this.body as { code?: string } | undefined)?.code;
  }
}

/** The body of a successful call, or an `ApiRequestError` thrown for the query library to handle. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw new ApiRequestError(response.status, error);
  return data as T;
}

/**
 * One client for the whole app. Only reads go through queries, so retrying them is safe; a 4xx is an answer
 * (forbidden, not found, invalid), never retried. A 401 is handled once, in the api client's middleware.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();

// The server answers in the UI's language (accept-language is set per request), so cached answers, error
// messages included, are fetched again when the user switches language.
i18n.on('languageChanged', () => void queryClient.invalidateQueries());

/** A typed read: `fetcher` receives the query's AbortSignal, so leaving a page cancels its requests. */
export function useApiQuery<T>(
  key: QueryKey,
  fetcher: (signal: AbortSignal) => Promise<FetchResult<T>>,
  options?: Omit<UseQueryOptions<T, ApiRequestError>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<T, ApiRequestError>({
    queryKey: key,
    queryFn: ({ signal }) => unwrap(fetcher(signal)),
    ...options,
  });
}

interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * Every page of a keyset-paginated list, following `nextCursor` so a list never silently stops at its first
 * page. `first` is the first page's whole body (abilities and other list-level fields).
 */
export function useApiListQuery<Item, P extends Page<Item>>(
  key: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<FetchResult<P>>,
  options?: { enabled?: boolean },
) {
  return useQuery<{ items: Item[]; first: P }, ApiRequestError>({
    queryKey: key,
    ...options,
    queryFn: async ({ signal }) => {
      const first = await unwrap(fetchPage(undefined, signal));
      const items = [...first.items];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await unwrap(fetchPage(cursor, signal));
        items.push(...page.items);
        cursor = page.nextCursor;
      }
      return { items, first };
    },
  });
}

/** A typed write; on success the listed keys (prefixes) are refetched, so every page showing them agrees. */
export function useApiMutation<Vars, T>(
  mutate: (vars: Vars) => Promise<FetchResult<T>>,
  { invalidates = [] }: { invalidates?: QueryKey[] } = {},
) {
  const client = useQueryClient();
  return useMutation<T, ApiRequestError, Vars>({
    mutationFn: (vars) => unwrap(mutate(vars)),
    onSuccess: () => Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
