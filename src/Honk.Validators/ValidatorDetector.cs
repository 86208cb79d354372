namespace Honk.Validators;

/// <summary>Finds which validators apply to a workspace (several may: a repository with a .NET API and a web client).</summary>
public static class ValidatorDetector
{
    /// <summary>
    /// Returns the validators that apply, in their given order. <see cref="CommandValidator"/>s decide from one shared
    /// scan of the repository; other validators are asked through <see cref="Validator.AppliesToAsync"/>.
    /// </summary>
    /// <param name="validators">The candidates.</param>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the detection.</param>
    /// <returns>The applicable validators.</returns>
    public static async Task<IReadOnlyList<Validator>> DetectAsync(IEnumerable<Validator> validators, ValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(context);
        RepositoryFacts? facts = null;
        var applicable = new List<Validator>();
        foreach (var validator in validators)
        {
            bool applies;
            if (validator is CommandValidator command)
            {
                facts ??= await RepositoryFacts.ScanAsync(context.Workspace.RootPath, cancellationToken: cancellationToken).ConfigureAwait(false);
                applies = command.AppliesTo(facts);
            }
            else
            {
                applies = await validator.AppliesToAsync(context, cancellationToken).ConfigureAwait(false);
            }

            if (applies)
            {
                applicable.Add(validator);
            }
        }

        return applicable;
    }

    /// <summary>The names of the validators that apply to a repository with these contents.</summary>
    /// <param name="validators">The candidates.</param>
    /// <param name="facts">The repository's contents.</param>
    /// <returns>The names of the applicable command validators.</returns>
    public static IReadOnlyList<string> Detect(IEnumerable<CommandValidator> validators, RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(facts);
        return [.. validators.Where(v => v.AppliesTo(facts)).Select(v => v.Name)];
    }
}
