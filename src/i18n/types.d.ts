// Types every t() key from the English resource files: a wrong key or namespace is a compile error.
import 'i18next';
import type actions from '../../locales/en/actions.json' with { type: 'json' };
import type cite from '../../locales/en/cite.json' with { type: 'json' };
import type consoleWords from '../../locales/en/console.json' with { type: 'json' };
import type about from '../../locales/en/about.json' with { type: 'json' };
import type ask from '../../locales/en/ask.json' with { type: 'json' };
import type commands from '../../locales/en/commands.json' with { type: 'json' };
import type common from '../../locales/en/common.json' with { type: 'json' };
import type compare from '../../locales/en/compare.json' with { type: 'json' };
import type founded from '../../locales/en/founded.json' with { type: 'json' };
import type help from '../../locales/en/help.json' with { type: 'json' };
import type list from '../../locales/en/list.json' with { type: 'json' };
import type picture from '../../locales/en/picture.json' with { type: 'json' };
import type org from '../../locales/en/org.json' with { type: 'json' };
import type taiwan from '../../locales/en/taiwan.json' with { type: 'json' };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      commands: typeof commands;
      org: typeof org;
      compare: typeof compare;
      taiwan: typeof taiwan;
      founded: typeof founded;
      list: typeof list;
      ask: typeof ask;
      about: typeof about;
      help: typeof help;
      actions: typeof actions;
      cite: typeof cite;
      console: typeof consoleWords;
      picture: typeof picture;
    };
  }
}
