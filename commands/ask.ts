/**
 * /ask question — a free-text question in either language. The question is read into a plan (an intent
 * with slots: a look-up, a list by founding, type, topic, area or Taiwanese participation, a count, the
 * oldest or newest, a comparison, a reverse look-up, the article itself, or "not covered"), the plan is run
 * over the dataset, and the answer opens with how the question was read. Also what the gateway answers
 * when someone @mentions the bot, and (with the replied-to answer's subject) what a reply to an answer gets.
 */
import { defineCommand, onComponent } from '../src/answers/command.js';
import { withLang } from '../src/answers/context.js';
import { inputProblem } from '../src/answers/input-problem.js';
import { QA_CSV, QA_PAGE, answerQuestion, listCsv, listPage } from '../src/answers/question.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { cleanText } from '../src/kernel/input.js';
import { QUERY_MAX_LENGTH } from '../src/kernel/options.js';

export const ask = defineCommand({
  name: 'ask',
  options: [
    { name: 'question', type: ApplicationCommandOptionType.String, required: true, maxLength: QUERY_MAX_LENGTH * 2 },
  ],
  run(req, ctx) {
    const text = cleanText(req.options.question);
    if (!text.ok) return inputProblem(ctx, text.reason, 'ask');
    // A reply to one of the bot's answers carries that answer's subject: "and when was it founded?".
    return answerQuestion(ctx, text.text, req.subject);
  },
  components: [
    onComponent(QA_PAGE, (state, _req, services) => ({
      payload: listPage(withLang(services, state.lang), state),
      update: true,
    })),
    onComponent(QA_CSV, (state, _req, services) => listCsv(withLang(services, state.lang), state)),
  ],
});
