import { type RevisionText } from './revision-text';
import { countCodePoints, isHighSurrogate, isLowSurrogate } from './unicode';

/** Code points at the end of `context` that match the text right before `offset`. */
export function agreementBefore(text: RevisionText, offset: number, context: string): number {
  let inContext = context.length;
  let inText = text.utf16Offset(offset);
  while (
    inContext > 0 &&
    inText > 0 &&
    context.charCodeAt(inContext - 1) === text.text.charCodeAt(inText - 1)
  ) {
    inContext -= 1;
    inText -= 1;
  }
  // Half a surrogate pair matching is no code point matching.
  if (
    inContext > 0 &&
    inContext < context.length &&
    isLowSurrogate(context.charCodeAt(inContext)) &&
    isHighSurrogate(context.charCodeAt(inContext - 1))
  ) {
    inContext += 1;
  }
  return countCodePoints(context, inContext);
}

/** Code points at the start of `context` that match the text right after `offset`. */
export function agreementAfter(text: RevisionText, offset: number, context: string): number {
  let inContext = 0;
  let inText = text.utf16Offset(offset);
  while (
    inContext < context.length &&
    inText < text.text.length &&
    context.charCodeAt(inContext) === text.text.charCodeAt(inText)
  ) {
    inContext += 1;
    inText += 1;
  }
  if (
    inContext > 0 &&
    inContext < context.length &&
    isHighSurrogate(context.charCodeAt(inContext - 1)) &&
    isLowSurrogate(context.charCodeAt(inContext))
  ) {
    inContext -= 1;
  }
  return countCodePoints(context, 0, inContext);
}
