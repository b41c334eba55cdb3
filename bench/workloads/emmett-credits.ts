/**
 * The peer's side: the same credits logic written for Emmett's API. Emmett's decider is
 * `{ decide, evolve, initialState() }` where `decide` returns the new events or throws, and
 * its commands are `{ type, data }`; its `DeciderCommandHandler` reads the stream, folds
 * it, decides and appends. The rules are the library's own (`decideCredits`,
 * `evolveCredits`), so both contenders decide exactly the same way.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { decideCredits, evolveCredits, initialCreditsState, type CreditsCommand, type CreditsEvent, type CreditsState } from '../../core/credits/index.js';
import type { Emmett, EmmettDeciderOptions, EmmettHandle, EmmettMessage } from '../support/peer.js';

/** A credits command in Emmett's shape: its type and, as data, its fields. */
export type EmmettCreditsCommand = EmmettMessage<CreditsCommand['type'], CreditsCommand>;

export const toEmmettCommand = (command: CreditsCommand): EmmettCreditsCommand => ({ type: command.type, data: command });

/** A refused command: Emmett's handlers throw. */
export class CreditsRuleViolation extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'CreditsRuleViolation';
  }
}

export const emmettCreditsDecider: EmmettDeciderOptions<CreditsState, EmmettCreditsCommand, CreditsEvent> = {
  decide: (command, state) => {
    const decision = decideCredits(command.data, state);
    if (isLeft(decision)) throw new CreditsRuleViolation(decision.left.code, decision.left.message);
    return [...decision.right];
  },
  evolve: evolveCredits,
  initialState: () => initialCreditsState,
};

/** Emmett's command handler over the credits decider. */
export const emmettCreditsHandler = (emmett: Emmett): EmmettHandle<EmmettCreditsCommand> =>
  emmett.DeciderCommandHandler(emmettCreditsDecider);
