namespace Honk.Workspaces.Git.Tests.Infrastructure;

/// <summary>
/// Tells "stuck" from "slow". The limit is generous on purpose: the machine running the suite can be loaded forty
/// times over, and speed is measured in benchmarks, never asserted in a test. Only a hang reaches it, and then the test
/// fails saying what hung instead of stopping the whole run.
/// </summary>
internal static class HangLimit
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Waits until <paramref name="task"/> has ended, whichever way (await it afterwards for its result or exception);
    /// fails the test with <paramref name="whatHung"/> if it never does.
    /// </summary>
    public static async Task EndsAsync(Task task, string whatHung)
    {
        var first = await Task.WhenAny(task, Task.Delay(Duration, TestContext.Current.CancellationToken));
        Assert.True(first == task, $"{whatHung} (still running after {Duration.TotalMinutes:0} minutes).");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="whatNeverHappened"/> if it never does.</summary>
    public static async Task UntilAsync(Func<bool> condition, string whatNeverHappened)
    {
        var gaveUp = Task.Delay(Duration, TestContext.Current.CancellationToken);
        while (!condition())
        {
            Assert.False(gaveUp.IsCompleted, $"{whatNeverHappened} (waited {Duration.TotalMinutes:0} minutes).");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
