/**
 * "查詢城市聯盟 / Look up city alliances" — a message context-menu command: on any message (a colleague's
 * question, a line of a draft that names an organization), it answers what the message asks or names, as
 * /ask would. Hidden by default (dispatch adds the Share button). Discord sends the target message's text
 * with the interaction, so it needs no Message Content intent and works through the HTTP door and for user
 * installs alike.
 */
import { defineMessageCommand } from '../src/answers/command.js';
import { notice } from '../src/answers/format.js';
import { answerQuestion } from '../src/answers/question.js';
import { cleanText, MAX_TEXT } from '../src/kernel/input.js';

/** User, role and channel mentions and custom emoji say nothing the reader can use; links neither. */
const NOISE = /<(?:@[!&]?|#|a?:\w+:)\d+>|https?:\/\/\S+/g;

export const lookUp = defineMessageCommand({
  name: 'Look up city alliances',
  key: 'lookUp',
  run(req, ctx) {
    // A long message is read from its start: the name or question is nearly always there.
    const text = cleanText([...req.text.replace(NOISE, ' ')].slice(0, MAX_TEXT).join(''));
    if (!text.ok) return notice(ctx.t('actions:emptyMessage', { example: ctx.t('help:examples.ask') }));
    return answerQuestion(ctx, text.text);
  },
});
