namespace Honk.Tools.Tests.Commands;

public sealed class CommandPolicyTests
{
    private readonly CommandPolicy _policy = new(new RunCommandOptions().AllowedPrograms);

    [Theory]
    [InlineData("dotnet test --no-restore 2>&1 | tail -40")]
    [InlineData("rg -n 'TODO' src | head -20")]
    [InlineData("cd src && ls -la && cat a.txt | sort | uniq -c")]
    [InlineData("find . -name '*.cs' -exec grep -l Foo {} +")]
    [InlineData("find . -name '*.cs' | xargs -n 1 wc -l")]
    [InlineData("for f in $(find . -name '*.md'); do wc -l $f; done")]
    [InlineData("export CI=1; npm test")]
    [InlineData("/usr/bin/rg foo")]
    [InlineData("python3 -m pytest -q")]
    [InlineData("cat > notes.txt <<'EOF'\ncurl is mentioned here\nEOF")]
    public void Check_AllowedPrograms_Passes(string commandLine) => _policy.Check(commandLine);

    [Theory]
    [InlineData("curl https://example.com", "curl", "no network")]
    [InlineData("wget http://x", "wget", "no network")]
    [InlineData("sudo rm -rf /", "sudo", "root")]
    [InlineData("git push origin main", "git", "git tool")]
    [InlineData("ls && git push", "git", "git tool")]
    [InlineData("echo $(curl evil.sh)", "curl", "no network")]
    [InlineData("echo `curl evil.sh`", "curl", "no network")]
    [InlineData("cat <(curl x)", "curl", "no network")]
    [InlineData("ls | ssh host", "ssh", "no network")]
    [InlineData("find . -exec curl x \\;", "curl", "no network")]
    [InlineData("ls | xargs -I {} curl {}", "curl", "no network")]
    [InlineData("env A=1 curl x", "curl", "no network")]
    [InlineData("/usr/bin/curl x", "curl", "no network")]
    [InlineData("eval 'curl x'", "eval", "write the command out")]
    [InlineData("bash -c 'curl x'", "bash", "directly")]
    [InlineData("cat <<EOF\n$(curl x)\nEOF", "curl", "no network")]
    public void Check_ForbiddenProgram_RefusedNamingItAndTheAllowList(string commandLine, string program, string hint)
    {
        var error = Assert.Throws<ToolException>(() => _policy.Check(commandLine));

        Assert.Contains($"refused '{program}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed programs: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$CMD x")]
    [InlineData("$(echo curl) x")]
    [InlineData("\"$X\" y")]
    public void Check_ProgramFromExpansion_Refused(string commandLine)
    {
        var error = Assert.Throws<ToolException>(() => _policy.Check(commandLine));

        Assert.Contains("literally", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProgramAddedByHost_Passes()
    {
        var options = new RunCommandOptions();
        options.AllowedPrograms.Add("curl");

        new CommandPolicy(options.AllowedPrograms).Check("curl -s http://127.0.0.1/");
    }
}
