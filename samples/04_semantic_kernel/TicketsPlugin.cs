using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace SemanticKernelSample;

/// <summary>An ordinary Semantic Kernel plugin: the team's ticket tracker, which the coding session reads as a tool.</summary>
public sealed class TicketsPlugin
{
    /// <summary>Reads a ticket.</summary>
    /// <param name="id">The ticket id.</param>
    /// <returns>The ticket's text.</returns>
    [KernelFunction("get_ticket")]
    [Description("Reads a ticket of the team's tracker by its id.")]
    public string GetTicket([Description("The ticket id, e.g. SHOP-7.")] string id)
        => id.Trim().Equals("SHOP-7", StringComparison.OrdinalIgnoreCase)
            ? "SHOP-7: shout.sh must end shouted words with exactly one '!' (HELLO!). `make test` checks it."
            : $"{id}: no such ticket.";
}
