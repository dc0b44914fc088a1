import { customAlphabet } from 'nanoid';

/** Ids are short, URL-safe and never contain "/" (doc names join ids with "/"). */
export const newId: () => string = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 12);

export const ID_PATTERN = /^[0-9a-z]{6,32}$/;
