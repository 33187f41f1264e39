/** One call to this origin's API with the signed-in token, and its errors in the one shape every service answers. */

export interface FieldProblem {
  field: string;
  reason: string;
}

/** A failed call, carrying the one error shape every service answers with (each bad field in details). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: FieldProblem[] = []) {
    super(message);
  }
}

const TOKEN_KEY = 'appmetrics.token';

export const auth = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => localStorage.setItem(TOKEN_KEY, token.trim()),
  signOut: () => localStorage.removeItem(TOKEN_KEY),
};

export async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = auth.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', `The server did not answer (${(e as Error).message})`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = json as { code?: string; message?: string; details?: FieldProblem[] } | undefined;
    const message = error?.message ?? `HTTP ${response.status}`;
    // Details the message already says are not repeated.
    const unsaid = (error?.details ?? []).filter((d) => !message.includes(d.reason));
    const details = unsaid.length ? ` (${unsaid.map((d) => `${d.field} ${d.reason}`).join('; ')})` : '';
    throw new ApiError(response.status, error?.code ?? 'error', message + details, error?.details ?? []);
  }
  return json as T;
}

