/**
 * `@Public()` and `@Roles()` leave who may call an operation on it under this extension, so that
 * the document says it (security, 401, 403 and a sentence naming the roles) from the same
 * decorators the guard reads. The extension itself is removed from the published document.
 */
export const ACCESS_EXTENSION = 'x-access';

export interface Access {
  public?: boolean;
  roles?: string[];
}
