using System.Text.Json;

namespace Honk.Server.Tests;

/// <summary>
/// A small Node package (<c>npm test</c> runs <c>node --test</c>) in a bare "remote" repository on disk, plus the
/// scripted-model files that edit it, all in one temp folder.
/// </summary>
internal sealed class NodeShopRepo : IDisposable
{
    public const string Guard = "// An empty cart costs nothing.";
    public const string EmptyCartTest = "empty cart costs nothing";

    private const string Cart = "function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n\nmodule.exports = { total };\n";
    private const string CartTest = "const test = require('node:test');\nconst assert = require('node:assert');\nconst { total } = require('./cart');\n\ntest('sums the prices', () => {\n  assert.strictEqual(total([{ price: 2 }, { price: 3 }]), 5);\n});\n";

    public NodeShopRepo()
    {
        Root = Directory.CreateTempSubdirectory("honk-server-e2e-").FullName;
        Remote = Path.Combine(Root, "shop.git");
        DataDirectory = Directory.CreateDirectory(Path.Combine(Root, "host")).FullName;
        GitRepo.Git(Root, "init", "-q", "--bare", "-b", "main", Remote);
        var seed = Path.Combine(Root, "seed");
        GitRepo.Git(Root, "clone", "-q", Remote, seed);
        File.WriteAllText(Path.Combine(seed, "package.json"), "{\n  \"name\": \"shop\",\n  \"private\": true,\n  \"scripts\": { \"test\": \"node --test\" }\n}\n");
        File.WriteAllText(Path.Combine(seed, "cart.js"), Cart);
        File.WriteAllText(Path.Combine(seed, "cart.test.js"), CartTest);
        GitRepo.Git(seed, "add", ".");
        GitRepo.Git(seed, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "init");
        GitRepo.Git(seed, "push", "-q", "origin", "HEAD:main");
        InitialMain = Git("rev-parse", "main").Trim();

        FixScript = WriteScript("fix.json", new
        {
            turns = new object[]
            {
                new { text = "Reading the cart.", toolCalls = new[] { new { name = "read_file", arguments = (object)new { path = "cart.js" } } } },
                new
                {
                    toolCalls = new[]
                    {
                        new
                        {
                            name = "edit_file",
                            arguments = (object)new { path = "cart.js", old_text = "function total(items) {\n", new_text = $"function total(items) {{\n  {Guard}\n  if (!items) return 0;\n" },
                        },
                    },
                },
                new { text = "Guarded the empty cart." },
            },
        });
        FollowUpScript = WriteScript("follow-up.json", new
        {
            turns = new object[]
            {
                new
                {
                    toolCalls = new[]
                    {
                        new
                        {
                            name = "edit_file",
                            arguments = (object)new
                            {
                                path = "cart.test.js",
                                old_text = "  assert.strictEqual(total([{ price: 2 }, { price: 3 }]), 5);\n});\n",
                                new_text = $"  assert.strictEqual(total([{{ price: 2 }}, {{ price: 3 }}]), 5);\n}});\n\ntest('{EmptyCartTest}', () => {{\n  assert.strictEqual(total(null), 0);\n}});\n",
                            },
                        },
                    },
                },
                new { text = "Added a test for the empty cart." },
            },
        });
    }

    public string Root { get; }

    public string Remote { get; }

    public string DataDirectory { get; }

    public string InitialMain { get; }

    public string FixScript { get; }

    public string FollowUpScript { get; }

    /// <summary>git against the bare remote.</summary>
    public string Git(params string[] args) => GitRepo.Git(Root, ["--git-dir", Remote, .. args]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string WriteScript(string name, object script)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, JsonSerializer.Serialize(script));
        return path;
    }
}
