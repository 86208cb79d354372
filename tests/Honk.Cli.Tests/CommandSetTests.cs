namespace Honk.Cli.Tests;

/// <summary>
/// <c>honk</c> builds only the command it runs; anything else (help, a typo, no arguments) still sees every command,
/// so help and errors are unchanged.
/// </summary>
public sealed class CommandSetTests
{
    private static readonly string[] Every = ["run", "demo", "prompt", "serve", "campaign", "worker", "mcp", "plan"];

    [Theory]
    [InlineData("run")]
    [InlineData("campaign")]
    [InlineData("mcp")]
    public void A_named_command_is_the_only_one_built(string name)
    {
        var commands = Program.CommandsFor([name, "--help"]).Select(create => create().Name);

        Assert.Equal([name], commands);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("rnu", "--repo", ".")]
    [InlineData("--version")]
    public void Anything_else_builds_every_command(params string[] args)
    {
        var commands = Program.CommandsFor(args).Select(create => create().Name);

        Assert.Equal(Every, commands);
    }
}
