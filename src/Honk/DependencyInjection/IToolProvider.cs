using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>Supplies tools from the container (register with <c>WithToolProvider&lt;T&gt;()</c>), so tools can take dependencies.</summary>
public interface IToolProvider
{
    /// <summary>The tools to offer the model.</summary>
    /// <returns>The tools.</returns>
    IEnumerable<AITool> GetTools();
}
