using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Skills.Data;
using Preau.Web.Modules.Skills.Referentials;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Skills;

public sealed record DomainView(Domain Domain, IReadOnlyList<Item> Items);

public sealed record ReferentialView(Referential Referential, IReadOnlyList<DomainView> Domains)
{
    public IEnumerable<Item> Items => Domains.SelectMany(d => d.Items);
    public bool HasAttestation => Referential.AttestationTotalPercent is not null && Referential.AttestationDomainPercent is not null;
}

public sealed record DomainScore(Domain Domain, int Acquired, int Total, bool Enough);

/// <summary>Where one pupil stands against a referential's attestation rule.</summary>
public sealed record AttestationResult(bool Attested, int Acquired, int Total, IReadOnlyList<DomainScore> Domains)
{
    public int Percent => Total == 0 ? 0 : Acquired * 100 / Total;
}

public sealed record SkillPupil(Guid Id, string FirstName, string LastName)
{
    public string Name => $"{FirstName} {LastName}";
}

public sealed record HistoryRow(ValidationEvent Event, Item? Item, string ReferentialName);

public sealed record SheetView(SkillPupil Pupil, IReadOnlyList<ReferentialView> Referentials,
    IReadOnlyDictionary<Guid, Validation> Validations, IReadOnlyList<HistoryRow> History)
{
    public SkillState StateOf(Guid itemId) => Validations.TryGetValue(itemId, out var v) ? v.State : SkillState.NotAssessed;
}

public static class AttestationRule
{
    /// <summary>
    /// B2i école (standards §3.1): attested when at least the total share of all items is acquired AND at least the
    /// domain share of the items of each domain. Integer arithmetic, so that exactly 80 % counts as 80 %.
    /// </summary>
    public static AttestationResult Compute(ReferentialView r, Func<Guid, bool> acquired)
    {
        var domains = r.Domains.Where(d => d.Items.Count > 0).Select(d =>
        {
            var got = d.Items.Count(i => acquired(i.Id));
            return new DomainScore(d.Domain, got, d.Items.Count, got * 100 >= d.Items.Count * (r.Referential.AttestationDomainPercent ?? 0));
        }).ToList();
        var total = domains.Sum(d => d.Total);
        var acq = domains.Sum(d => d.Acquired);
        var attested = r.HasAttestation && total > 0
            && acq * 100 >= total * r.Referential.AttestationTotalPercent!.Value
            && domains.All(d => d.Enough);
        return new AttestationResult(attested, acq, total, domains);
    }
}

public static class SkillText
{
    public static string State(SkillState s) => s switch
    {
        SkillState.Acquired => "Acquis",
        SkillState.InProgress => "En cours",
        _ => "Non évalué",
    };

    /// <summary>The pupil's own words on « Mes compétences ».</summary>
    public static string ChildState(SkillState s) => s switch
    {
        SkillState.Acquired => "Je sais faire",
        SkillState.InProgress => "J'apprends",
        _ => "Pas encore",
    };

    public static string Day(DateTime utc) =>
        Platform.Time.ParisDate.ToParis(utc).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
}

/// <summary>Reads referentials, sheets and grids in a fixed number of queries, whatever the number of pupils or items.</summary>
public sealed class SkillsQueries(PreauDbContext db, IServiceProvider services, ShippedReferentials shipped, TimeProvider time)
{
    public async Task<IReadOnlyList<ReferentialView>> ReferentialsAsync(bool includeRetired = false, CancellationToken ct = default)
    {
        await shipped.EnsureAsync(services, ct);
        var refs = await db.SkillsReferentials.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Name).ToListAsync(ct);
        var domains = await db.SkillsDomains.AsNoTracking().Where(d => includeRetired || !d.Retired).OrderBy(d => d.Order).ToListAsync(ct);
        var items = await db.SkillsItems.AsNoTracking().Where(i => includeRetired || !i.Retired).OrderBy(i => i.Order).ToListAsync(ct);
        var byDomain = items.ToLookup(i => i.DomainId);
        var byRef = domains.ToLookup(d => d.ReferentialCode);
        return [.. refs.Select(r => new ReferentialView(r, [.. byRef[r.Code].Select(d => new DomainView(d, [.. byDomain[d.Id]]))]))];
    }

    public async Task<SkillPupil?> PupilAsync(Guid pupilId, CancellationToken ct = default) =>
        await db.Persons.AsNoTracking().Where(p => p.Id == pupilId)
            .Where(p => db.Memberships.Any(m => m.PersonId == p.Id && m.Role == Role.Pupil))
            .Select(p => new SkillPupil(p.Id, p.FirstName, p.LastName)).FirstOrDefaultAsync(ct);

    public async Task<SheetView?> SheetAsync(Guid pupilId, CancellationToken ct = default)
    {
        var pupil = await PupilAsync(pupilId, ct);
        if (pupil is null)
        {
            return null;
        }
        var refs = await ReferentialsAsync(ct: ct);
        var validations = await db.SkillsValidations.AsNoTracking().Where(v => v.PupilId == pupilId).ToDictionaryAsync(v => v.ItemId, ct);
        // The history names retired items too: they stay in the sheet's past.
        var events = await (from e in db.SkillsValidationEvents.AsNoTracking()
                            where e.PupilId == pupilId
                            join i in db.SkillsItems.AsNoTracking() on e.ItemId equals i.Id into ij
                            from i in ij.DefaultIfEmpty()
                            orderby e.At descending
                            select new { e, i }).Take(500).ToListAsync(ct);
        var names = refs.ToDictionary(r => r.Referential.Code, r => r.Referential.Name);
        var history = events.Select(x => new HistoryRow(x.e, x.i, x.i is null ? "" : names.GetValueOrDefault(x.i.ReferentialCode, x.i.ReferentialCode))).ToList();
        return new SheetView(pupil, refs, validations, history);
    }

    /// <summary>The pupils of a class today (or, for a class of a year that is over, those who were in it).</summary>
    public async Task<IReadOnlyList<SkillPupil>> PupilsOfClassAsync(Guid classId, bool archived, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        var rows = await (from m in db.Memberships.AsNoTracking()
                          where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == classId
                              && (archived || ((m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)))
                          join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                          select new SkillPupil(p.Id, p.FirstName, p.LastName)).ToListAsync(ct);
        return [.. rows.DistinctBy(p => p.Id).OrderBy(p => p.LastName, StringComparer.CurrentCulture).ThenBy(p => p.FirstName, StringComparer.CurrentCulture)];
    }

    public async Task<Dictionary<(Guid Pupil, Guid Item), Validation>> ValidationsAsync(IReadOnlyCollection<Guid> pupilIds, IReadOnlyCollection<Guid> itemIds, CancellationToken ct = default)
    {
        var pupils = pupilIds.ToList();
        var items = itemIds.ToList();
        return await db.SkillsValidations.AsNoTracking().Where(v => pupils.Contains(v.PupilId) && items.Contains(v.ItemId))
            .ToDictionaryAsync(v => (v.PupilId, v.ItemId), ct);
    }
}
