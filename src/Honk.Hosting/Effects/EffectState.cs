namespace Honk.Hosting;

/// <summary>Where a side effect is: begun (its outcome unknown until recorded), succeeded or failed.</summary>
public enum EffectState
{
    /// <summary>The key was recorded before the effect; no outcome yet. After a crash this means "check reality".</summary>
    Begun,

    /// <summary>The effect happened; its outcome is recorded.</summary>
    Succeeded,

    /// <summary>The effect was attempted and failed; it may be tried again.</summary>
    Failed,
}
