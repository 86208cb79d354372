using Honk.Delivery.Git.Internal;

namespace Honk.Delivery.Tests.Git;

public sealed class PushReportTests
{
    [Fact]
    public void Reason_RejectedRef_ReturnsGitsSummary()
    {
        var output = "To git://host/repo\n!\tabc:refs/heads/x\t[rejected] (non-fast-forward)\nDone\n";

        Assert.Equal("[rejected] (non-fast-forward)", PushReport.Reason(output, "error: failed to push some refs to 'git://host/repo'\nhint: Updates were rejected"));
    }

    [Fact]
    public void Reason_HookDeclined_AddsTheRemoteLines()
    {
        var output = "To git://host/repo\n!\tabc:refs/heads/x\t[remote rejected] (pre-receive hook declined)\nDone\n";
        var error = "remote: policy: frozen\nremote: ask #release\nerror: failed to push some refs\n";

        Assert.Equal("[remote rejected] (pre-receive hook declined); remote: policy: frozen / ask #release", PushReport.Reason(output, error));
    }

    [Fact]
    public void Reason_NoRefReported_UsesFatalLine()
    {
        Assert.Equal("fatal: unable to access 'http://127.0.0.1:1/x/': Failed to connect", PushReport.Reason("", "fatal: unable to access 'http://127.0.0.1:1/x/': Failed to connect\n"));
        Assert.Equal("git gave no reason", PushReport.Reason("", ""));
    }
}
