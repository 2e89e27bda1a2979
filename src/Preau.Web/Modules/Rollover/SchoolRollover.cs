using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Lifecycle;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Rollover;

/// <summary>A pupil in the rollover; <paramref name="Level"/> is their own level when an import gave it.</summary>
public sealed record RolloverPupil(Guid Id, string FirstName, string LastName, Levels? Level = null);

/// <summary>What happens to one class of the current year: the class it becomes next year and where its pupils go.</summary>
public sealed record ClassPlan(Guid SourceId, string SourceName, Levels SourceLevels, Scheme Scheme, string TargetName, Levels TargetLevels,
    bool TargetExists, IReadOnlyList<RolloverPupil> Moving, IReadOnlyList<RolloverPupil> Leaving);

public sealed record SchoolPlan(Guid SchoolId, string Uai, string Name, bool AlreadyApplied, IReadOnlyList<ClassPlan> Classes)
{
    public int Moving => Classes.Sum(c => c.Moving.Count);
    public int Leaving => Classes.Sum(c => c.Leaving.Count);
}

public sealed record RolloverResult(Guid SchoolId, string Uai, string Name, bool Applied, bool AlreadyApplied,
    int ClassesCreated, int PupilsMoved, int PupilsLeaving, int PeopleMarkedLeft, string? Error);

/// <summary>A label that is not a school year, or a year that cannot follow the current one.</summary>
public sealed class RolloverException(string message) : Exception(message);

/// <summary>
/// Passage to the next school year, school by school: next year's classes (copied from this year's, levels one
/// up), pupils moved with their class, pupils of the school's last level leaving, directors carried over,
/// teachers left for the director to assign. Each school is one transaction; a school already done is skipped,
/// so running again changes nothing. The new year becomes current only when an administrator says so.
/// </summary>
public sealed partial class SchoolRollover(PreauDbContext db, AccountLifecycle lifecycle, AuditTrail audit)
{
    public const string AppliedAction = "rollover.school";

    /// <summary>The current year and the target year (not created: null Id when missing).</summary>
    public sealed record Years(SchoolYear Source, string TargetLabel, Guid? TargetId, DateOnly TargetStartsOn, DateOnly TargetEndsOn);

    public static string NextLabel(SchoolYear year) =>
        string.Create(CultureInfo.InvariantCulture, $"{year.StartsOn.Year + 1}-{year.StartsOn.Year + 2}");

    public async Task<SchoolYear?> CurrentYearAsync(CancellationToken ct = default) =>
        await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.IsCurrent, ct);

    /// <summary>Checks the label and finds both years; throws <see cref="RolloverException"/> with a French message.</summary>
    public async Task<Years> ResolveAsync(string? label, CancellationToken ct = default)
    {
        label = label?.Trim() ?? "";
        var match = LabelShape().Match(label);
        if (!match.Success)
        {
            throw new RolloverException($"« {label} » n'est pas une année scolaire : elle s'écrit comme 2027-2028.");
        }
        var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) != first + 1)
        {
            throw new RolloverException($"Une année scolaire va d'une année à la suivante : {first}-{first + 1}, pas {label}.");
        }
        var source = await CurrentYearAsync(ct) ?? throw new RolloverException("Aucune année n'est marquée comme année en cours : marquez-en une sur /admin/annees.");
        var target = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.Label == label, ct);
        var startsOn = target?.StartsOn ?? new DateOnly(first, 9, 1);
        if (target?.Id == source.Id || startsOn <= source.StartsOn)
        {
            throw new RolloverException($"Le passage se fait vers une année qui suit l'année en cours ({source.Label}), pas vers {label}.");
        }
        return new Years(source, label, target?.Id, startsOn, target?.EndsOn ?? new DateOnly(first + 1, 7, 4));
    }

    public async Task<Guid?> FindSchoolByUaiAsync(string uai, CancellationToken ct = default)
    {
        var normalized = uai.Trim().ToUpperInvariant();
        return await db.Schools.AsNoTracking().Where(s => s.Uai == normalized && !s.IsArchived).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The plan for one school or, with a null school, every school of the territory (a handful of queries in all).</summary>
    public async Task<IReadOnlyList<SchoolPlan>> PreviewAsync(Years years, Guid? schoolId = null,
        IReadOnlyDictionary<Guid, string>? names = null, CancellationToken ct = default)
    {
        var sourceId = years.Source.Id;
        var schools = await db.Schools.AsNoTracking().Where(s => !s.IsArchived && (schoolId == null || s.Id == schoolId))
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Uai, s.Name, s.Type }).ToListAsync(ct);
        var classes = await db.Classes.AsNoTracking()
            .Where(c => c.SchoolYearId == sourceId && !c.IsArchived && (schoolId == null || c.SchoolId == schoolId))
            .OrderBy(c => c.Name).ToListAsync(ct);
        var pupils = await (from m in db.Memberships.AsNoTracking()
                            join c in db.Classes.AsNoTracking() on m.ScopeId equals (Guid?)c.Id
                            join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                            where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && c.SchoolYearId == sourceId && !c.IsArchived
                                && (schoolId == null || c.SchoolId == schoolId) && p.LeftOn == null
                            orderby p.LastName, p.FirstName
                            select new { ClassId = c.Id, Pupil = new RolloverPupil(p.Id, p.FirstName, p.LastName, m.Level) }).ToListAsync(ct);
        var targetNames = new HashSet<(Guid, string)>();
        var applied = new HashSet<Guid>();
        if (years.TargetId is { } targetId)
        {
            targetNames = (await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == targetId && (schoolId == null || c.SchoolId == schoolId))
                .Select(c => new { c.SchoolId, c.Name }).ToListAsync(ct)).Select(c => (c.SchoolId, c.Name)).ToHashSet();
            var marker = Marker(targetId);
            applied = (await db.AuditEvents.AsNoTracking()
                .Where(e => e.Action == AppliedAction && e.TargetType == "School" && e.Details != null && e.Details.StartsWith(marker)
                    && (schoolId == null || e.TargetId == schoolId))
                .Select(e => e.TargetId).ToListAsync(ct)).OfType<Guid>().ToHashSet();
        }
        var pupilsByClass = pupils.ToLookup(p => p.ClassId, p => p.Pupil);
        var classesBySchool = classes.ToLookup(c => c.SchoolId);
        return schools.Select(s => new SchoolPlan(s.Id, s.Uai, s.Name, applied.Contains(s.Id),
            classesBySchool[s.Id].Select(c =>
            {
                var leaves = LeavesSchool(c.Levels, s.Type);
                var name = names is not null && names.TryGetValue(c.Id, out var n) && !string.IsNullOrWhiteSpace(n) ? n.Trim() : c.Name;
                var classPupils = pupilsByClass[c.Id].ToList();
                // In a multi-level class, pupils whose own level is the school's last one (known from ONDE) leave.
                var leavingPupils = leaves ? classPupils : [.. classPupils.Where(p => p.Level is { } l && LeavesSchool(l, s.Type))];
                return new ClassPlan(c.Id, c.Name, c.Levels, c.Scheme, name, leaves ? c.Levels : NextLevels(c.Levels, s.Type),
                    targetNames.Contains((s.Id, name)), leaves ? [] : [.. classPupils.Except(leavingPupils)], leavingPupils);
            }).ToList())).ToList();
    }

    /// <summary>Applies the plan of one school in one transaction (all or nothing); the target year is created if missing.</summary>
    public async Task<RolloverResult> ApplySchoolAsync(Years years, Guid schoolId, Guid? actorId,
        IReadOnlyDictionary<Guid, string>? names = null, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var targetId = await EnsureTargetYearAsync(years, actorId, ct);
            years = years with { TargetId = targetId };
            var plan = (await PreviewAsync(years, schoolId, names, ct)).SingleOrDefault()
                ?? throw new RolloverException("École introuvable.");
            if (plan.AlreadyApplied)
            {
                return new RolloverResult(plan.SchoolId, plan.Uai, plan.Name, false, true, 0, 0, 0, 0, null);
            }
            var existing = await db.Classes.Where(c => c.SchoolId == schoolId && c.SchoolYearId == targetId).ToListAsync(ct);
            // Pupils already placed next year (by hand, or by an import) stay where they are.
            var placed = (await (from m in db.Memberships
                                 join c in db.Classes on m.ScopeId equals (Guid?)c.Id
                                 where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && c.SchoolYearId == targetId
                                 select m.PersonId).ToListAsync(ct)).ToHashSet();
            var sources = await (from m in db.Memberships.AsNoTracking()
                                 join c in db.Classes on m.ScopeId equals (Guid?)c.Id
                                 where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && c.SchoolId == schoolId && c.SchoolYearId == years.Source.Id
                                 select new { m.PersonId, m.ScopeId, m.Source }).ToListAsync(ct);
            var sourceOf = sources.GroupBy(m => (m.PersonId, m.ScopeId)).ToDictionary(g => g.Key, g => g.First().Source);
            int created = 0, moved = 0;
            var leaving = new List<Guid>();
            foreach (var c in plan.Classes)
            {
                var target = existing.FirstOrDefault(x => x.Name == c.TargetName);
                if (target is null)
                {
                    target = new SchoolClass { SchoolId = schoolId, SchoolYearId = targetId, Name = c.TargetName, Levels = c.TargetLevels, Scheme = c.Scheme };
                    db.Classes.Add(target);
                    existing.Add(target);
                    created++;
                }
                foreach (var pupil in c.Moving.Where(p => placed.Add(p.Id)))
                {
                    db.Memberships.Add(new Membership
                    {
                        PersonId = pupil.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = target.Id, SchoolYearId = targetId,
                        Source = sourceOf.GetValueOrDefault((pupil.Id, (Guid?)c.SourceId)),
                        Level = pupil.Level is { } level ? NextLevels(level, SchoolType.Elementaire) : null,
                    });
                    moved++;
                }
                leaving.AddRange(c.Leaving.Select(p => p.Id).Where(id => !placed.Contains(id)));
            }
            // Directors carry over (memberships of the school tied to the current year); teachers are assigned by the director.
            var directors = await db.Memberships.AsNoTracking()
                .Where(m => m.Role == Role.Director && m.ScopeType == ScopeType.School && m.ScopeId == schoolId && m.SchoolYearId == years.Source.Id)
                .ToListAsync(ct);
            var directorsNext = await db.Memberships.AsNoTracking()
                .Where(m => m.Role == Role.Director && m.ScopeType == ScopeType.School && m.ScopeId == schoolId && m.SchoolYearId == targetId)
                .Select(m => m.PersonId).ToListAsync(ct);
            foreach (var d in directors.Where(d => !directorsNext.Contains(d.PersonId)).DistinctBy(d => d.PersonId))
            {
                db.Memberships.Add(new Membership
                {
                    PersonId = d.PersonId, Role = Role.Director, ScopeType = ScopeType.School, ScopeId = schoolId, SchoolYearId = targetId, Source = d.Source,
                });
            }
            // Leaving pupils keep their account until the end of the current year, then the grace period starts.
            var leftOn = years.Source.EndsOn;
            var reason = $"rollover {years.TargetLabel}";
            var marked = await lifecycle.MarkLeftIfNoRoleLeftAsync(leaving, actorId, reason, leftOn, years.TargetStartsOn, ct);
            var guardians = await db.GuardianLinks.Where(l => leaving.Contains(l.PupilId)).Select(l => l.GuardianId).Distinct().ToListAsync(ct);
            marked += await lifecycle.MarkLeftIfNoRoleLeftAsync(guardians, actorId, reason, leftOn, years.TargetStartsOn, ct);
            audit.Add(actorId, AppliedAction, "School", schoolId,
                string.Create(CultureInfo.InvariantCulture, $"{Marker(targetId)};classes={created};moved={moved};leaving={leaving.Count};left={marked}"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new RolloverResult(plan.SchoolId, plan.Uai, plan.Name, true, false, created, moved, leaving.Count, marked, null);
        });
    }

    /// <summary>Every school of the territory, one transaction each: a failing school is reported and the others still pass.</summary>
    public async Task<IReadOnlyList<RolloverResult>> ApplyAllAsync(Years years, Guid? actorId, Action<RolloverResult>? progress = null,
        CancellationToken ct = default)
    {
        var schools = await db.Schools.AsNoTracking().Where(s => !s.IsArchived).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Uai, s.Name }).ToListAsync(ct);
        var results = new List<RolloverResult>(schools.Count);
        foreach (var s in schools)
        {
            RolloverResult result;
            try
            {
                result = await ApplySchoolAsync(years, s.Id, actorId, null, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                result = new RolloverResult(s.Id, s.Uai, s.Name, false, false, 0, 0, 0, 0, ex.GetBaseException().Message);
            }
            results.Add(result);
            progress?.Invoke(result);
        }
        return results;
    }

    /// <summary>Levels one up (TPS→PS … CM1→CM2); a maternelle stops at GS, other schools at CM2.</summary>
    public static Levels NextLevels(Levels levels, SchoolType type)
    {
        var next = (Levels)(((int)levels << 1) & (int)SchoolLevels(type));
        return next == Levels.None ? levels : next;
    }

    /// <summary>A class whose every level is the school's last one (CM2, or GS in a maternelle): its pupils leave the school.</summary>
    public static bool LeavesSchool(Levels levels, SchoolType type)
    {
        var last = type == SchoolType.Maternelle ? Levels.Gs : Levels.Cm2;
        return levels == last;
    }

    private static Levels SchoolLevels(SchoolType type) => type == SchoolType.Maternelle
        ? Levels.Tps | Levels.Ps | Levels.Ms | Levels.Gs
        : Levels.Tps | Levels.Ps | Levels.Ms | Levels.Gs | Levels.Cp | Levels.Ce1 | Levels.Ce2 | Levels.Cm1 | Levels.Cm2;

    private static string Marker(Guid targetYearId) => $"year={targetYearId:N}";

    private async Task<Guid> EnsureTargetYearAsync(Years years, Guid? actorId, CancellationToken ct)
    {
        var id = await db.SchoolYears.Where(y => y.Label == years.TargetLabel).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);
        if (id is not null)
        {
            return id.Value;
        }
        var year = new SchoolYear { Label = years.TargetLabel, StartsOn = years.TargetStartsOn, EndsOn = years.TargetEndsOn };
        db.SchoolYears.Add(year);
        await db.SaveChangesAsync(ct);
        audit.Add(actorId, "year.created", "SchoolYear", year.Id, years.TargetLabel);
        return year.Id;
    }

    [GeneratedRegex("^([0-9]{4})-([0-9]{4})$")]
    private static partial Regex LabelShape();
}
