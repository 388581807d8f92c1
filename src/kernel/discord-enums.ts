/**
 * The few discord-api-types enum values the handlers use, as typed constants. Importing the enums at
 * run time loads the whole discord-api-types tree (50–80 ms), which would double the console's start-up
 * for a few numbers; tests/discord-enums.test.ts checks every value against the library so they cannot drift.
 */
import type {
  ApplicationCommandOptionType as OptionTypeEnum,
  ApplicationCommandType as CommandTypeEnum,
  ApplicationIntegrationType as IntegrationEnum,
  ButtonStyle as ButtonStyleEnum,
  ComponentType as ComponentTypeEnum,
  InteractionContextType as ContextEnum,
  InteractionResponseType as ResponseTypeEnum,
  InteractionType as InteractionTypeEnum,
  MessageFlags as MessageFlagsEnum,
} from 'discord-api-types/v10';

export const ComponentType = {
  ActionRow: 1 as ComponentTypeEnum.ActionRow,
  Button: 2 as ComponentTypeEnum.Button,
  StringSelect: 3 as ComponentTypeEnum.StringSelect,
} as const;

export const ButtonStyle = {
  Primary: 1 as ButtonStyleEnum.Primary,
  Secondary: 2 as ButtonStyleEnum.Secondary,
} as const;

/** Slash commands and the message context-menu command. */
export const ApplicationCommandType = {
  ChatInput: 1 as CommandTypeEnum.ChatInput,
  Message: 3 as CommandTypeEnum.Message,
} as const;

export const MessageFlags = { Ephemeral: 64 as MessageFlagsEnum.Ephemeral } as const;

export const ApplicationCommandOptionType = {
  String: 3 as OptionTypeEnum.String,
  Integer: 4 as OptionTypeEnum.Integer,
  Boolean: 5 as OptionTypeEnum.Boolean,
  User: 6 as OptionTypeEnum.User,
} as const;

export const ApplicationIntegrationType = {
  GuildInstall: 0 as IntegrationEnum.GuildInstall,
  UserInstall: 1 as IntegrationEnum.UserInstall,
} as const;

export const InteractionContextType = {
  Guild: 0 as ContextEnum.Guild,
  BotDM: 1 as ContextEnum.BotDM,
  PrivateChannel: 2 as ContextEnum.PrivateChannel,
} as const;

/** The interactions the HTTP door receives. */
export const InteractionType = {
  Ping: 1 as InteractionTypeEnum.Ping,
  ApplicationCommand: 2 as InteractionTypeEnum.ApplicationCommand,
  MessageComponent: 3 as InteractionTypeEnum.MessageComponent,
  ApplicationCommandAutocomplete: 4 as InteractionTypeEnum.ApplicationCommandAutocomplete,
} as const;

/** How the HTTP door answers them. */
export const InteractionResponseType = {
  Pong: 1 as ResponseTypeEnum.Pong,
  ChannelMessageWithSource: 4 as ResponseTypeEnum.ChannelMessageWithSource,
  DeferredChannelMessageWithSource: 5 as ResponseTypeEnum.DeferredChannelMessageWithSource,
  UpdateMessage: 7 as ResponseTypeEnum.UpdateMessage,
  ApplicationCommandAutocompleteResult: 8 as ResponseTypeEnum.ApplicationCommandAutocompleteResult,
} as const;
