namespace Honk.Server.Tests.Planning;

/// <summary>
/// An answer moves the plan on at once, not when the planner's continuation gets a thread: the page that sent it is
/// rendered right after and decides from the stage whether to refresh itself.
/// </summary>
public sealed class HostedPlanAnswerTests
{
    [Fact]
    public async Task Answer_MovesThePlanToReading_BeforeThePlannerResumes()
    {
        var plan = new HostedPlan("p1", "shop", "total crashes on null items", "slack:U_LEAD");
        var resumed = new ManualResetEventSlim();
        var asking = Task.Run(async () =>
        {
            var answer = await plan.AskAsync("Should a null cart cost 0?", TestContext.Current.CancellationToken);
            resumed.Wait(TimeSpan.FromSeconds(30));
            return answer;
        });
        while (plan.Stage != PlanStage.Question)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(plan.Answer("  yes  "));

        // Read before the asking side is let go: nothing of the answer may depend on its continuation.
        Assert.Equal(PlanStage.Reading, plan.Stage);
        Assert.Null(plan.Question);
        Assert.Equal([("Should a null cart cost 0?", "yes")], plan.Answered);
        resumed.Set();
        Assert.Equal("yes", await asking);
        Assert.False(plan.Answer("again"));
    }
}
