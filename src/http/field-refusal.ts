// A refused registration or change (422), field by field. The API answers the developers' summary
// in `error` (as every refusal does) and the fields in `errors`: each with its catalogue key, the
// values the message needs and the English text; the form shows the same in the reader's language.
import { say } from '../messages/say.ts';
import type { FieldError } from '../messages/registration-field-errors.ts';
import { HttpError } from './route.ts';

export class FieldRefusal extends HttpError {
  constructor(
    message: string,
    readonly fields: readonly FieldError[],
  ) {
    super(
      422,
      message,
      {},
      {
        error: message,
        errors: fields.map((f) => ({ field: f.field, code: f.key, params: f.params ?? {}, message: say(f.key, 'en', f.params) })),
      },
    );
    this.name = 'FieldRefusal';
  }
}
