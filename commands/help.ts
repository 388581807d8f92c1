/** /help — what each command does, with examples, in the answer's language. */
import { COMMAND_NAMES, defineCommand } from '../src/answers/command.js';
import { COLORS, slash } from '../src/answers/format.js';

export const help = defineCommand({
  name: 'help',
  options: [],
  run(_req, ctx) {
    return {
      embeds: [
        {
          title: ctx.t('help:title'),
          description: ctx.t('help:intro'),
          color: COLORS.info,
          fields: [
            ...COMMAND_NAMES.map((name) => ({
              name: `/${name}`,
              // Field names cannot hold a command mention: the clickable one leads the value.
              value: `${ctx.commandIds?.has(name) ? `${slash(ctx, `/${name}`)} ` : ''}${ctx.t(`help:commands.${name}`)}\n${ctx.t('help:example')} \`${ctx.t(`help:examples.${name}`)}\``,
            })),
            { name: ctx.t('help:optionsTitle'), value: ctx.t('help:options') },
            { name: ctx.t('help:mentionTitle'), value: ctx.t('help:mention') },
          ],
          footer: { text: ctx.t('help:footer') },
        },
      ],
    };
  },
});
