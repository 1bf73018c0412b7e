/**
 * How many unexpired client secrets one principal may hold. Enough to rotate without a gap (add the new one, move
 * every consumer, remove the old one) with room to spare; it also keeps the secrets lists short. Expired secrets do
 * not count: they stay listed until someone removes them. (Its own module: the secrets list, a client component,
 * shows it too.)
 */
export const MAX_LIVE_SECRETS = 20;
