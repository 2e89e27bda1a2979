using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.AccountImport.Data;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Accounts.Lifecycle;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Onde;

/// <summary>Created / updated / unchanged / leaving counts of one kind of record.</summary>
public sealed class ImportCounts
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Leaving { get; set; }
}

public sealed record ImportMessage(string File, int Line, string Message);

/// <summary>One line of the preview: what will happen to whom.</summary>
public sealed record ImportChange(string Kind, string What, string Detail);

/// <summary>The report of an ONDE import (the CLI's --json output and the downloadable report).</summary>
public sealed class ImportReport
{
    public string School { get; set; } = "";
    public string Uai { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public bool DryRun { get; set; }
    public string Variant { get; set; } = "";
    public ImportCounts Classes { get; set; } = new();
    public ImportCounts Pupils { get; set; } = new();
    public ImportCounts Guardians { get; set; } = new();
    public ImportCounts Links { get; set; } = new();
    /// <summary>Staff import: people, and their roles (teacher of a class, director, school staff).</summary>
    public ImportCounts Staff { get; set; } = new();
    public ImportCounts Roles { get; set; } = new();
    public List<ImportMessage> Errors { get; set; } = [];
    public List<ImportMessage> Warnings { get; set; } = [];
    public List<ImportChange> Changes { get; set; } = [];

    /// <summary>Nothing usable in the files (missing column, empty or binary file): nothing may be written.</summary>
    [JsonIgnore]
    public bool Unusable { get; set; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>
/// Brings one school's ONDE extractions into the directory. The same code computes the preview and the
/// apply: it changes tracked entities, then either throws them away (preview) or saves them in one
/// transaction (apply), so what the director saw is what happens. Importing the same files again
/// changes nothing; people and links made by hand are never removed.
/// </summary>
public sealed class OndeImport(PreauDbContext db, AccountLifecycle lifecycle, AuditTrail audit, TimeProvider time)
{
    // Logins handed out during this run (pupils and guardians share the namespace).
    private readonly HashSet<string> _reservedLogins = [];

    public async Task<ImportReport> RunAsync(Guid schoolId, Stream pupilsFile, Stream guardiansFile, bool apply, Guid? actorId, CancellationToken ct = default, Action<string>? progress = null)
    {
        _reservedLogins.Clear();
        var extraction = OndeParser.Parse(pupilsFile, guardiansFile);
        // One query for every login the file's people could collide with, instead of one per new person.
        await LoginNames.LoadTakenAsync(db, extraction.Pupils.Select(p => (p.FirstName, p.LastName)).Concat(extraction.Guardians.Select(g => (g.FirstName, g.LastName))), _reservedLogins, ct);
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var year = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.IsCurrent, ct);
        var report = new ImportReport { School = school.Name, Uai = school.Uai, DryRun = !apply, Variant = extraction.Variant.ToString(), SchoolYear = year?.Label ?? "" };
        report.Errors.AddRange(extraction.Errors.Select(ToMessage));
        report.Warnings.AddRange(extraction.Warnings.Select(ToMessage));
        if (year is null)
        {
            report.Errors.Add(new ImportMessage("", 0, "Aucune année scolaire n'est en cours : l'administrateur doit en désigner une avant l'import."));
            report.Unusable = true;
            return report;
        }
        if (extraction.Pupils.Count == 0)
        {
            report.Unusable = true;
            if (report.Errors.Count == 0)
            {
                report.Errors.Add(new ImportMessage("élèves", 0, "Le fichier des élèves ne contient aucun élève."));
            }
            return report;
        }

        await using var transaction = apply ? await db.Database.BeginTransactionAsync(ct) : null;
        var classes = await ImportClassesAsync(school, year, extraction, report, ct);
        var pupils = await ImportPupilsAsync(school, year, extraction, classes, report, actorId, ct);
        var guardians = await ImportGuardiansAsync(extraction, pupils, report, ct);
        await ImportLinksAsync(extraction, pupils, guardians, report, ct);
        await RemoveLeavingAsync(school, year, pupils, report, actorId, ct);

        if (!apply)
        {
            db.ChangeTracker.Clear();
            return report;
        }
        db.ImportBatches.Add(new ImportBatch
        {
            Kind = ImportKind.Onde,
            SchoolId = school.Id,
            ActorId = actorId,
            AppliedAt = time.GetUtcNow().UtcDateTime,
            ReportJson = report.ToJson(),
        });
        audit.Add(actorId, "import.onde", "School", school.Id,
            $"élèves +{report.Pupils.Created} ~{report.Pupils.Updated} -{report.Pupils.Leaving}; responsables +{report.Guardians.Created}; liens +{report.Links.Created}");
        progress?.Invoke($"Écriture dans la base ({db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged)} changements)…");
        await db.SaveChangesAsync(ct);
        await transaction!.CommitAsync(ct);
        progress?.Invoke("Import enregistré.");
        return report;
    }

    private static ImportMessage ToMessage(OndeMessage m) => new(m.FileLabel, m.Line, m.Message);

    private async Task<Dictionary<OndeClass, SchoolClass>> ImportClassesAsync(School school, SchoolYear year, OndeExtraction extraction, ImportReport report, CancellationToken ct)
    {
        var existing = await db.Classes.Where(c => c.SchoolId == school.Id && c.SchoolYearId == year.Id).ToListAsync(ct);
        var map = new Dictionary<OndeClass, SchoolClass>(ReferenceEqualityComparer.Instance);
        foreach (var onde in extraction.Classes)
        {
            var match = (onde.OndeId is null ? null : existing.FirstOrDefault(c => c.OndeId == onde.OndeId))
                ?? existing.FirstOrDefault(c => OndeText.MatchKey(c.Name) == OndeText.MatchKey(onde.Label));
            if (match is null)
            {
                match = new SchoolClass { SchoolId = school.Id, SchoolYearId = year.Id, Name = Trim(onde.Label, 100), Levels = onde.Levels, Scheme = onde.Scheme, OndeId = onde.OndeId };
                db.Classes.Add(match);
                existing.Add(match);
                report.Classes.Created++;
                report.Changes.Add(new ImportChange("classe", match.Name, "nouvelle classe"));
            }
            else if (match.Levels != onde.Levels || match.Scheme != onde.Scheme || (onde.OndeId is not null && match.OndeId != onde.OndeId) || match.IsArchived)
            {
                match.Levels = onde.Levels == Levels.None ? match.Levels : onde.Levels;
                match.Scheme = onde.Scheme;
                match.OndeId = onde.OndeId ?? match.OndeId;
                match.IsArchived = false;
                report.Classes.Updated++;
                report.Changes.Add(new ImportChange("classe", match.Name, "niveaux ou dispositif mis à jour"));
            }
            else
            {
                report.Classes.Unchanged++;
            }
            map[onde] = match;
        }
        return map;
    }

    private async Task<Dictionary<OndePupil, Person>> ImportPupilsAsync(School school, SchoolYear year, OndeExtraction extraction,
        Dictionary<OndeClass, SchoolClass> classes, ImportReport report, Guid? actorId, CancellationToken ct)
    {
        var ines = extraction.Pupils.Where(p => p.Ine is not null).Select(p => p.Ine!).ToList();
        var births = extraction.Pupils.Select(p => (DateOnly?)p.BirthDate).Distinct().ToList();
        // Pupils of the whole territory: a pupil who moves school keeps their account.
        var candidates = await db.Persons
            .Where(p => db.Users.Any(u => u.Id == p.Id && u.IsPupil) && ((p.Ine != null && ines.Contains(p.Ine)) || births.Contains(p.BirthDate)))
            .ToListAsync(ct);
        var byIne = candidates.Where(p => p.Ine is not null).GroupBy(p => p.Ine!).ToDictionary(g => g.Key, g => g.First());
        var byName = candidates.GroupBy(p => NameKey(p.LastName, p.FirstName, p.BirthDate)).ToDictionary(g => g.Key, g => g.First());
        var candidateIds = candidates.Select(p => p.Id).ToList();
        var currentMemberships = await db.Memberships
            .Where(m => candidateIds.Contains(m.PersonId) && m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.SchoolYearId == year.Id)
            .ToListAsync(ct);
        var result = new Dictionary<OndePupil, Person>(ReferenceEqualityComparer.Instance);
        var now = time.GetUtcNow().UtcDateTime;

        foreach (var onde in extraction.Pupils)
        {
            var target = classes[ClassOf(extraction, onde)];
            // By INE first; by name and birth date only when the INEs do not contradict it: two children of the
            // département may share a name and a birth date, and a different INE says they are two people.
            var person = (onde.Ine is not null && byIne.TryGetValue(onde.Ine, out var i) ? i : null)
                ?? (byName.GetValueOrDefault(NameKey(onde.LastName, onde.FirstName, onde.BirthDate)) is { } named
                    && (onde.Ine is null || named.Ine is null || named.Ine == onde.Ine) ? named : null);
            if (person is not null && result.ContainsValue(person))
            {
                report.Errors.Add(new ImportMessage("élèves", onde.SourceLine, $"{onde.FirstName} {onde.LastName} figure deux fois dans le fichier : seule la première ligne est prise en compte."));
                continue;
            }
            if (person is null)
            {
                person = new Person { FirstName = Trim(onde.FirstName, 100), LastName = Trim(onde.LastName, 100), CreatedAt = now, Source = RecordSource.Import };
                Copy(onde, person);
                db.Persons.Add(person);
                var login = LoginNames.Allocate(person.FirstName, person.LastName, _reservedLogins);
                // No password yet: the login letter sets the first one, so no unknown password ever exists.
                db.Users.Add(NewAccount(person.Id, login, email: null, isPupil: true));
                db.Memberships.Add(new Membership { PersonId = person.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = target.Id, SchoolYearId = year.Id, Source = RecordSource.Import, Level = LevelOf(onde) });
                report.Pupils.Created++;
                report.Changes.Add(new ImportChange("nouvel élève", $"{person.FirstName} {person.LastName}", target.Name));
                result[onde] = person;
                continue;
            }
            var changes = Copy(onde, person);
            if (person.LeftOn is not null)
            {
                lifecycle.MarkBack(person, actorId, "import ONDE");
                changes.Add("retour dans l'école");
            }
            var memberships = currentMemberships.Where(m => m.PersonId == person.Id).ToList();
            var current = memberships.FirstOrDefault(m => m.ScopeId == target.Id);
            if (current is null)
            {
                // One class per pupil and year: the file is the authority for this school's pupils.
                db.Memberships.RemoveRange(memberships);
                db.Memberships.Add(new Membership { PersonId = person.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = target.Id, SchoolYearId = year.Id, Source = RecordSource.Import, Level = LevelOf(onde) });
                changes.Add($"classe : {target.Name}");
            }
            else if (LevelOf(onde) is { } level && current.Level != level)
            {
                current.Level = level;
                changes.Add("niveau");
            }
            if (changes.Count > 0)
            {
                report.Pupils.Updated++;
                report.Changes.Add(new ImportChange("élève modifié", $"{person.FirstName} {person.LastName}", string.Join(", ", changes)));
            }
            else
            {
                report.Pupils.Unchanged++;
            }
            result[onde] = person;
        }
        return result;
    }

    private async Task<Dictionary<OndeGuardian, Person>> ImportGuardiansAsync(OndeExtraction extraction, Dictionary<OndePupil, Person> pupils, ImportReport report, CancellationToken ct)
    {
        var pupilIds = pupils.Values.Select(p => p.Id).ToList();
        // Guardians already linked to these pupils, and adults with one of the file's e-mail addresses.
        var linked = await (from l in db.GuardianLinks
                            where pupilIds.Contains(l.PupilId)
                            join p in db.Persons on l.GuardianId equals p.Id
                            select new { l.PupilId, Guardian = p }).ToListAsync(ct);
        var emails = extraction.Guardians.Where(g => g.Email is not null).Select(g => g.Email!.ToUpperInvariant()).Distinct().ToList();
        var byEmail = await (from u in db.Users
                             where u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail) && !u.IsPupil
                             join p in db.Persons on u.Id equals p.Id
                             select new { u.NormalizedEmail, Person = p, User = u }).ToListAsync(ct);
        var accountIds = linked.Select(l => l.Guardian.Id).Concat(byEmail.Select(e => e.Person.Id)).Distinct().ToList();
        var accounts = await db.Users.Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var result = new Dictionary<OndeGuardian, Person>(ReferenceEqualityComparer.Instance);
        var now = time.GetUtcNow().UtcDateTime;

        foreach (var onde in extraction.Guardians)
        {
            var children = extraction.Links.Where(l => ReferenceEquals(l.Guardian, onde) && pupils.ContainsKey(l.Pupil)).Select(l => pupils[l.Pupil].Id).ToHashSet();
            var key = OndeText.MatchKey(onde.LastName) + "|" + OndeText.MatchKey(onde.FirstName);
            var person = linked.Where(l => children.Contains(l.PupilId)).Select(l => l.Guardian)
                    .FirstOrDefault(g => OndeText.MatchKey(g.LastName) + "|" + OndeText.MatchKey(g.FirstName) == key)
                ?? byEmail.Where(e => onde.Email is not null && e.NormalizedEmail == onde.Email.ToUpperInvariant()
                        && OndeText.MatchKey(e.Person.FirstName) == OndeText.MatchKey(onde.FirstName))
                    .Select(e => e.Person).FirstOrDefault();
            if (person is not null && result.ContainsValue(person))
            {
                result[onde] = person;
                continue;
            }
            var phone = onde.MobilePhone ?? onde.HomePhone ?? onde.WorkPhone;
            if (person is null)
            {
                person = new Person { FirstName = Trim(onde.FirstName, 100), LastName = Trim(onde.LastName, 100), UsageName = onde.UsageName, Phone = TrimOrNull(phone, 30), CreatedAt = now, Source = RecordSource.Import };
                db.Persons.Add(person);
                var login = LoginNames.Allocate(person.FirstName, person.LastName, _reservedLogins);
                db.Users.Add(NewAccount(person.Id, login, onde.Email, isPupil: false));
                report.Guardians.Created++;
                report.Changes.Add(new ImportChange("nouveau responsable", $"{person.FirstName} {person.LastName}", onde.Email is null ? "sans adresse électronique" : "avec adresse électronique"));
                result[onde] = person;
                continue;
            }
            // Contact details typed by the family in Préau win over the school's file; fill only what is missing.
            var changes = new List<string>();
            if (person.Phone is null && phone is not null)
            {
                person.Phone = TrimOrNull(phone, 30);
                changes.Add("téléphone");
            }
            if (onde.Email is not null && accounts.TryGetValue(person.Id, out var user) && user.Email is null)
            {
                user.Email = onde.Email;
                user.NormalizedEmail = onde.Email.ToUpperInvariant();
                changes.Add("adresse électronique");
            }
            if (person.LeftOn is not null)
            {
                lifecycle.MarkBack(person, null, "import ONDE");
                changes.Add("retour dans l'école");
            }
            if (changes.Count > 0)
            {
                report.Guardians.Updated++;
                report.Changes.Add(new ImportChange("responsable modifié", $"{person.FirstName} {person.LastName}", string.Join(", ", changes)));
            }
            else
            {
                report.Guardians.Unchanged++;
            }
            result[onde] = person;
        }
        return result;
    }

    private async Task ImportLinksAsync(OndeExtraction extraction, Dictionary<OndePupil, Person> pupils, Dictionary<OndeGuardian, Person> guardians, ImportReport report, CancellationToken ct)
    {
        var pupilIds = pupils.Values.Select(p => p.Id).ToList();
        var existing = await db.GuardianLinks.Where(l => pupilIds.Contains(l.PupilId)).ToListAsync(ct);
        var seen = new HashSet<(Guid, Guid)>();
        foreach (var link in extraction.Links)
        {
            if (!pupils.TryGetValue(link.Pupil, out var pupil) || !guardians.TryGetValue(link.Guardian, out var guardian) || !seen.Add((guardian.Id, pupil.Id)))
            {
                continue;
            }
            var current = existing.FirstOrDefault(l => l.GuardianId == guardian.Id && l.PupilId == pupil.Id);
            // ONDE's guardians extraction lists legal representatives: parental authority unless the file says otherwise.
            var authority = link.HasParentalAuthority ?? true;
            if (current is null)
            {
                db.GuardianLinks.Add(new GuardianLink { GuardianId = guardian.Id, PupilId = pupil.Id, Relationship = link.Relationship ?? Relationship.Other, HasParentalAuthority = authority, Source = RecordSource.Import });
                report.Links.Created++;
            }
            else if ((link.Relationship is { } r && current.Relationship != r) || (link.HasParentalAuthority is { } h && current.HasParentalAuthority != h))
            {
                current.Relationship = link.Relationship ?? current.Relationship;
                current.HasParentalAuthority = link.HasParentalAuthority ?? current.HasParentalAuthority;
                report.Links.Updated++;
            }
            else
            {
                report.Links.Unchanged++;
            }
        }
        // A link the school's file no longer gives (a guardian removed by the school) goes, unless it was made by hand.
        foreach (var stale in existing.Where(l => l.Source == RecordSource.Import && !seen.Contains((l.GuardianId, l.PupilId))))
        {
            db.GuardianLinks.Remove(stale);
            report.Links.Leaving++;
        }
    }

    /// <summary>Pupils enrolled by an earlier import who are no longer in the file leave the school (hand-made enrolments stay).</summary>
    private async Task RemoveLeavingAsync(School school, SchoolYear year, Dictionary<OndePupil, Person> pupils, ImportReport report, Guid? actorId, CancellationToken ct)
    {
        var present = pupils.Values.Select(p => p.Id).ToHashSet();
        var schoolClassIds = db.Classes.Where(c => c.SchoolId == school.Id && c.SchoolYearId == year.Id).Select(c => c.Id);
        var enrolled = await (from m in db.Memberships
                              where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.SchoolYearId == year.Id
                                  && m.Source == RecordSource.Import && schoolClassIds.Contains(m.ScopeId!.Value)
                              join p in db.Persons on m.PersonId equals p.Id
                              select new { Membership = m, Person = p }).ToListAsync(ct);
        var leaving = enrolled.Where(e => !present.Contains(e.Person.Id)).ToList();
        if (leaving.Count == 0)
        {
            return;
        }
        db.Memberships.RemoveRange(leaving.Select(l => l.Membership));
        foreach (var l in leaving)
        {
            report.Pupils.Leaving++;
            report.Changes.Add(new ImportChange("élève quittant l'école", $"{l.Person.FirstName} {l.Person.LastName}", "absent du fichier ONDE"));
        }
        var leavingIds = leaving.Select(l => l.Person.Id).Distinct().ToList();
        var guardianIds = await db.GuardianLinks.Where(g => leavingIds.Contains(g.PupilId)).Select(g => g.GuardianId).Distinct().ToListAsync(ct);
        var reason = $"absent de l'import ONDE de {school.Uai}";
        // Last years' enrolments are the archive, not a reason to stay.
        await lifecycle.MarkLeftIfNoRoleLeftAsync(leavingIds, actorId, reason, leftOn: null, archiveBefore: year.StartsOn, ct);
        report.Guardians.Leaving += await lifecycle.MarkLeftIfNoRoleLeftAsync(guardianIds, actorId, reason, leftOn: null, archiveBefore: year.StartsOn, ct);
    }

    private static Levels? LevelOf(OndePupil pupil) => pupil.Level == Levels.None ? null : pupil.Level;

    private static OndeClass ClassOf(OndeExtraction extraction, OndePupil pupil) =>
        extraction.Classes.First(c => (pupil.OndeClassId is not null && c.OndeId == pupil.OndeClassId) || OndeText.MatchKey(c.Label) == OndeText.MatchKey(pupil.ClassLabel));

    private static string NameKey(string last, string first, DateOnly? birth) =>
        $"{OndeText.MatchKey(last)}|{OndeText.MatchKey(first)}|{birth:yyyy-MM-dd}";

    /// <summary>Copies what ONDE knows best onto the person and says what changed.</summary>
    private static List<string> Copy(OndePupil onde, Person person)
    {
        var changes = new List<string>();
        void Set<T>(T current, T value, Action<T> assign, string label)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                assign(value);
                changes.Add(label);
            }
        }
        Set(person.LastName, Trim(onde.LastName, 100), v => person.LastName = v, "nom");
        Set(person.FirstName, Trim(onde.FirstName, 100), v => person.FirstName = v, "prénom");
        Set(person.UsageName, onde.UsageName, v => person.UsageName = v, "nom d'usage");
        Set(person.BirthDate, onde.BirthDate, v => person.BirthDate = v, "date de naissance");
        Set(person.Sex, onde.Sex?.ToString(), v => person.Sex = v, "sexe");
        if (onde.Ine is not null)
        {
            Set(person.Ine, onde.Ine, v => person.Ine = v, "INE");
        }
        Set(person.PhotoAllowed, onde.PhotoAllowed, v => person.PhotoAllowed = v, "autorisation photo");
        Set(person.AssociationsAllowed, onde.AssociationsAllowed, v => person.AssociationsAllowed = v, "autorisation associations");
        // A new person is not "changed": the caller only reports changes of existing people.
        return changes;
    }

    private static PreauUser NewAccount(Guid id, string login, string? email, bool isPupil) => new()
    {
        Id = id,
        UserName = login,
        NormalizedUserName = login.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email?.ToUpperInvariant(),
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
        IsPupil = isPupil,
        MustChangePassword = !isPupil,
    };

    private static string Trim(string value, int max) => value.Length > max ? value[..max] : value;

    private static string? TrimOrNull(string? value, int max) => value is null ? null : Trim(value, max);
}
