using Honk.Tasks;
using Honk.Testing;
using static Honk.Testing.Shared.SpecialFiles;

namespace Honk.Tests.Tasks;

/// <summary>A named pipe given as a task file used to block forever in open (waiting for a writer); it is refused.</summary>
public sealed class SpecialTaskFileTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    [Fact]
    public async Task Load_ANamedPipe_IsRefusedAtOnce()
    {
        var fifo = MakeFifo(_folder.Combine("task.md"));

        // On a thread of its own: the old code blocked inside the open, and the test must fail, not hang.
        var error = await Assert.ThrowsAsync<TaskFileException>(() => Task.Run(() => TaskFile.LoadAsync(fifo, TestContext.Current.CancellationToken))
            .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Contains("named pipe (FIFO), not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ALinkToANamedPipe_IsRefusedToo()
    {
        var fifo = MakeFifo(_folder.Combine("pipe"));
        var link = _folder.Combine("task.md");
        File.CreateSymbolicLink(link, fifo);

        var error = await Assert.ThrowsAsync<TaskFileException>(() => Task.Run(() => BoundedTextFile.Read(link, 100)).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Contains("'" + link + "' is a named pipe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AFileLongerThanTheLimit_StopsOneCharacterPast()
    {
        var path = _folder.WriteFile("long.md", new string('x', 10_000));

        Assert.Equal(101, (await BoundedTextFile.ReadAsync(path, 100, TestContext.Current.CancellationToken)).Length);
        Assert.Equal(101, BoundedTextFile.Read(path, 100).Length);
        Assert.Equal(10_000, BoundedTextFile.Read(path, 1_000_000).Length);
    }

    public void Dispose() => _folder.Dispose();
}
