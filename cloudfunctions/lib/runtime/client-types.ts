/**
 * Types the app imports (type-only) so that a renamed field or action in a
 * function fails `tsc` in the client too.
 */
import type { AnyAction, FunctionDef } from './action'

type ActionsOf<F> = F extends FunctionDef<infer A> ? A : never

export type ActionNames<F> = keyof ActionsOf<F> & string

/** What the caller sends (before zod defaults apply). */
export type InputOf<F, K extends ActionNames<F>> = ActionsOf<F>[K] extends AnyAction
  ? ActionsOf<F>[K] extends { input: { _zod: { input: infer I } } }
    ? I
    : never
  : never

/** What the action resolves, as the caller receives it over JSON (Dates become strings). */
export type OutputOf<F, K extends ActionNames<F>> = ActionsOf<F>[K] extends { handler: (...args: never[]) => Promise<infer R> }
  ? Jsonified<R>
  : never

/** The shape a value takes after JSON.stringify → JSON.parse (Dates become ISO strings). */
export type Jsonified<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T
