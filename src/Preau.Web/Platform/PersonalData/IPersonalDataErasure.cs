namespace Preau.Web.Platform.PersonalData;

/// <summary>
/// One module's part of deleting a person at the end of their grace period (PRODUCT.md, « Personal data »): what the
/// module keeps about that person alone — their copies of messages, a pupil's handed-in work, results and tags, their
/// own documents — is deleted; what they wrote for others (a sent message, an article, a note) stays, its author
/// shown as « Ancien utilisateur ». Called by the purge for everyone due that night at once (one pass over each
/// table), in one transaction on the same database context, before each person's account goes; it must be harmless to
/// run again (a person whose own step fails is erased again the next night).
/// Files whose owner row goes are removed by the files service's sweep (ADR 0006).
/// </summary>
public interface IPersonalDataErasure
{
    /// <summary>A few set-based statements for all of <paramref name="personIds"/>, whatever the amount of content.</summary>
    Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct);
}

public static class PersonalDataErasureRegistration
{
    public static IServiceCollection AddPersonalDataErasure<T>(this IServiceCollection services) where T : class, IPersonalDataErasure =>
        services.AddScoped<IPersonalDataErasure, T>();
}
