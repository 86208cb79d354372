namespace Honk.Server;

/// <summary>The outcome of an at-most-once side effect.</summary>
/// <param name="Succeeded">Whether the effect happened (now or earlier).</param>
/// <param name="Detail">What it did (e.g. the merge commit), or why it failed.</param>
/// <param name="AlreadyDone">True when an earlier call had already performed it and nothing ran now.</param>
public sealed record EffectOutcome(bool Succeeded, string Detail, bool AlreadyDone = false);
