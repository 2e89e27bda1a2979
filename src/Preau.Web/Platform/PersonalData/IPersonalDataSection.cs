namespace Preau.Web.Platform.PersonalData;

/// <summary>
/// One module's part of the download « Mes données » (GDPR right of access): what the person wrote, what was
/// addressed to them and what was recorded about them, as plain values ready for JSON. Each module registers its own
/// (<see cref="PersonalDataRegistration.AddPersonalData{T}"/>), so the export grows with the modules and no module
/// reads another's content for it.
/// </summary>
public interface IPersonalDataSection
{
    /// <summary>The section's name in the file (a JSON property of <c>Content</c>).</summary>
    string Name { get; }

    /// <summary>The section for one person: a bounded number of queries, whatever the amount of content.</summary>
    Task<object> ReadAsync(Guid personId, CancellationToken ct);
}

public static class PersonalDataRegistration
{
    /// <summary>Registers the section, and its erasure too when it also deletes at the end of the grace period (<see cref="IPersonalDataErasure"/>).</summary>
    public static IServiceCollection AddPersonalData<T>(this IServiceCollection services) where T : class, IPersonalDataSection
    {
        services.AddScoped<IPersonalDataSection, T>();
        if (typeof(IPersonalDataErasure).IsAssignableFrom(typeof(T)))
        {
            services.AddScoped(typeof(IPersonalDataErasure), typeof(T));
        }
        return services;
    }
}
