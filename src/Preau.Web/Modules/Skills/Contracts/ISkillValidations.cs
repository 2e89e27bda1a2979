namespace Preau.Web.Modules.Skills.Contracts;

/// <summary>A skill item as another module shows it (e.g. « B2i D1.2 — Se connecter… »).</summary>
public sealed record SkillItemRef(Guid Id, string Referential, string Code, string Label);

/// <summary>
/// What other modules (quizzes) may do with skills: list the items that can be validated, and validate items for
/// pupils through the Skills module's own code, so that history and the frozen teacher name stay right. Callers
/// check that the pupils are the teacher's (in their class).
/// </summary>
public interface ISkillValidations
{
    /// <summary>The items of the active referentials, not retired, in referential order.</summary>
    Task<IReadOnlyList<SkillItemRef>> ActiveItemsAsync(CancellationToken ct = default);

    /// <summary>Which of these (pupil, item) pairs are already acquired.</summary>
    Task<IReadOnlySet<(Guid PupilId, Guid ItemId)>> AcquiredAsync(IReadOnlyCollection<Guid> pupilIds, IReadOnlyCollection<Guid> itemIds, CancellationToken ct = default);

    /// <summary>Marks the pairs acquired (one history event per change); returns how many changed.</summary>
    Task<int> ValidateAsync(IReadOnlyList<(Guid PupilId, Guid ItemId)> pairs, Guid teacherId, string className, CancellationToken ct = default);
}
