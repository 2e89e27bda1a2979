using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.AccountImport.Data;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Accounts.Lifecycle;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Staff;

/// <summary>One usable line of a staff file.</summary>
internal sealed record StaffRow(int Line, string LastName, string FirstName, string? Email, Role Role, bool IsDirector, IReadOnlyList<string> Classes);

/// <summary>
/// Teachers, directors and school staff of one school from a CSV file: Préau's template
/// (<see cref="Template"/>) or the legacy Base Élèves teachers' layout (Civilité; Nom; Prénom; …;
/// Courriel; Directeur; Classe). Header-driven; same preview/apply/report flow as the ONDE import.
/// </summary>
public sealed class StaffImport(PreauDbContext db, AccountLifecycle lifecycle, AuditTrail audit, TimeProvider time)
{
    public const string Template = "Nom;Prénom;Courriel;Fonction;Directeur;Classes\r\n"
        + "MARTIN;Claire;claire.martin@ac-besancon.fr;Enseignant;Oui;CE1-CE2\r\n"
        + "DUPONT;Marc;;Enseignant;Non;CP A, CP B\r\n"
        + "ROUX;Sylvie;;ATSEM;Non;Petite section\r\n";

    private readonly HashSet<string> _reservedLogins = [];

    public async Task<ImportReport> RunAsync(Guid schoolId, Stream file, bool apply, Guid? actorId, CancellationToken ct = default)
    {
        _reservedLogins.Clear();
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId, ct);
        var year = await db.SchoolYears.AsNoTracking().FirstOrDefaultAsync(y => y.IsCurrent, ct);
        var report = new ImportReport { School = school.Name, Uai = school.Uai, DryRun = !apply, Variant = "Personnels", SchoolYear = year?.Label ?? "" };
        var rows = Parse(file, report);
        if (year is null)
        {
            report.Errors.Add(new ImportMessage("", 0, "Aucune année scolaire n'est en cours : l'administrateur doit en désigner une avant l'import."));
        }
        if (year is null || rows.Count == 0)
        {
            report.Unusable = true;
            return report;
        }

        await using var transaction = apply ? await db.Database.BeginTransactionAsync(ct) : null;
        var classes = await db.Classes.Where(c => c.SchoolId == school.Id && c.SchoolYearId == year.Id && !c.IsArchived).ToListAsync(ct);
        var classIds = classes.Select(c => c.Id).ToList();
        // Everyone holding a staff role in this school this year.
        var memberships = await db.Memberships
            .Where(m => m.Role != Role.Pupil && ((m.ScopeType == ScopeType.School && m.ScopeId == school.Id) || (m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId!.Value))))
            .ToListAsync(ct);
        var staffIds = memberships.Select(m => m.PersonId).Distinct().ToList();
        var emails = rows.Where(r => r.Email is not null).Select(r => r.Email!.ToUpperInvariant()).ToList();
        var known = await (from p in db.Persons
                           join u in db.Users on p.Id equals u.Id
                           where staffIds.Contains(p.Id) || (u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail) && !u.IsPupil)
                           select new { Person = p, u.NormalizedEmail }).ToListAsync(ct);
        var kept = new HashSet<Guid>();
        var now = time.GetUtcNow().UtcDateTime;

        foreach (var row in rows)
        {
            var targets = new List<(Role Role, ScopeType Scope, Guid Id)>();
            var unknown = row.Classes.Where(name => !classes.Any(c => OndeText.MatchKey(c.Name) == OndeText.MatchKey(name))).ToList();
            if (unknown.Count > 0)
            {
                report.Errors.Add(new ImportMessage("personnels", row.Line, $"classe « {string.Join(" », « ", unknown)} » inconnue dans l'école pour {year.Label} : importez d'abord ONDE ou créez la classe."));
                continue;
            }
            foreach (var name in row.Classes)
            {
                targets.Add((row.Role, ScopeType.Class, classes.First(c => OndeText.MatchKey(c.Name) == OndeText.MatchKey(name)).Id));
            }
            if (row.Classes.Count == 0 && row.Role == Role.SchoolStaff)
            {
                targets.Add((Role.SchoolStaff, ScopeType.School, school.Id));
            }
            if (row.IsDirector)
            {
                targets.Add((Role.Director, ScopeType.School, school.Id));
            }
            if (targets.Count == 0)
            {
                report.Errors.Add(new ImportMessage("personnels", row.Line, "aucune classe et pas directeur : indiquez au moins une classe (ou « Oui » dans la colonne Directeur)."));
                continue;
            }

            var person = (row.Email is null ? null : known.FirstOrDefault(k => k.NormalizedEmail == row.Email.ToUpperInvariant())?.Person)
                ?? known.FirstOrDefault(k => staffIds.Contains(k.Person.Id) && OndeText.MatchKey(k.Person.LastName) == OndeText.MatchKey(row.LastName)
                    && OndeText.MatchKey(k.Person.FirstName) == OndeText.MatchKey(row.FirstName))?.Person;
            var created = person is null;
            if (person is null)
            {
                person = new Person { FirstName = row.FirstName, LastName = row.LastName, CreatedAt = now, Source = RecordSource.Import };
                db.Persons.Add(person);
                var login = await LoginNames.NextFreeAsync(db, row.FirstName, row.LastName, _reservedLogins, ct);
                db.Users.Add(new PreauUser
                {
                    Id = person.Id,
                    UserName = login,
                    NormalizedUserName = login.ToUpperInvariant(),
                    Email = row.Email,
                    NormalizedEmail = row.Email?.ToUpperInvariant(),
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                    MustChangePassword = true,
                });
                known.Add(new { Person = person, NormalizedEmail = row.Email?.ToUpperInvariant() });
                report.Staff.Created++;
            }
            else if (person.LeftOn is not null)
            {
                lifecycle.MarkBack(person, actorId, "import des personnels");
            }
            var added = 0;
            foreach (var (role, scope, id) in targets)
            {
                var existing = memberships.FirstOrDefault(m => m.PersonId == person.Id && m.Role == role && m.ScopeType == scope && m.ScopeId == id);
                if (existing is not null)
                {
                    kept.Add(existing.Id);
                    report.Roles.Unchanged++;
                    continue;
                }
                var membership = new Membership { PersonId = person.Id, Role = role, ScopeType = scope, ScopeId = id, SchoolYearId = year.Id, Source = RecordSource.Import };
                db.Memberships.Add(membership);
                kept.Add(membership.Id);
                added++;
                report.Roles.Created++;
            }
            if (!created)
            {
                if (added > 0)
                {
                    report.Staff.Updated++;
                }
                else
                {
                    report.Staff.Unchanged++;
                }
            }
            if (created || added > 0)
            {
                var what = string.Join(", ", targets.Select(t => t.Scope == ScopeType.School
                    ? (t.Role == Role.Director ? "direction" : "école")
                    : classes.First(c => c.Id == t.Id).Name));
                report.Changes.Add(new ImportChange(created ? "nouveau personnel" : "nouveau rôle", $"{person.FirstName} {person.LastName}", what));
            }
        }

        // Roles given by an earlier staff import and absent from this file end; hand-made roles stay.
        var stale = memberships.Where(m => m.Source == RecordSource.Import && !kept.Contains(m.Id) && m.Role is Role.Teacher or Role.Director or Role.SchoolStaff).ToList();
        if (stale.Count > 0)
        {
            db.Memberships.RemoveRange(stale);
            report.Roles.Leaving += stale.Count;
            report.Staff.Leaving += await lifecycle.MarkLeftIfNoRoleLeftAsync(stale.Select(m => m.PersonId).Distinct().ToList(), actorId, $"absent de l'import des personnels de {school.Uai}", ct);
        }

        if (!apply)
        {
            db.ChangeTracker.Clear();
            return report;
        }
        db.ImportBatches.Add(new ImportBatch { Kind = ImportKind.Staff, SchoolId = school.Id, ActorId = actorId, AppliedAt = now, ReportJson = report.ToJson() });
        audit.Add(actorId, "import.staff", "School", school.Id, $"personnels +{report.Staff.Created}; rôles +{report.Roles.Created} -{report.Roles.Leaving}");
        await db.SaveChangesAsync(ct);
        await transaction!.CommitAsync(ct);
        return report;
    }

    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["last"] = ["nom", "nomdefamille", "nomusage"],
        ["first"] = ["prenom"],
        ["email"] = ["courriel", "email", "mel", "adressemail", "adresseelectronique"],
        ["function"] = ["fonction", "role", "profil"],
        ["director"] = ["directeur", "direction"],
        ["classes"] = ["classes", "classe", "libelleclasse"],
    };

    private static List<StaffRow> Parse(Stream file, ImportReport report)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        var decoded = OndeCsv.Decode(buffer.ToArray());
        if (decoded.Text is null)
        {
            report.Errors.Add(new ImportMessage("personnels", decoded.FailureLine, decoded.Failure ?? "fichier illisible."));
            return [];
        }
        var records = OndeCsv.Tokenize(decoded.Text, OndeCsv.GuessDelimiter(decoded.Text), out _);
        if (records.Count == 0 || records[0].IsBlank)
        {
            report.Errors.Add(new ImportMessage("personnels", 1, "le fichier est vide."));
            return [];
        }
        var header = records[0].Fields.Select(OndeText.HeaderKey).ToList();
        int Column(string key) => header.FindIndex(h => Aliases[key].Contains(h));
        var (last, first, email, function, director, classes) = (Column("last"), Column("first"), Column("email"), Column("function"), Column("director"), Column("classes"));
        // "Nom usage" comes before "Nom" in the legacy layout: prefer the birth name column when both exist.
        var birthName = header.IndexOf("nom");
        if (birthName >= 0)
        {
            last = birthName;
        }
        foreach (var (index, label) in new[] { (last, "Nom"), (first, "Prénom"), (classes, "Classes") })
        {
            if (index < 0)
            {
                report.Errors.Add(new ImportMessage("personnels", 1, $"colonne « {label} » absente : rien n'est importé. Téléchargez le modèle pour voir les colonnes attendues."));
            }
        }
        if (report.Errors.Count > 0)
        {
            return [];
        }
        string? Field(CsvRecord r, int i) => i >= 0 && i < r.Fields.Length ? OndeText.Clean(r.Fields[i]) : null;
        var rows = new List<StaffRow>();
        foreach (var r in records.Skip(1).Where(r => !r.IsBlank))
        {
            var l = Field(r, last);
            var f = Field(r, first);
            if (l is null || f is null)
            {
                report.Errors.Add(new ImportMessage("personnels", r.Line, "nom ou prénom manquant."));
                continue;
            }
            var mail = Field(r, email);
            if (mail is not null && !System.Net.Mail.MailAddress.TryCreate(mail, out _))
            {
                report.Errors.Add(new ImportMessage("personnels", r.Line, $"adresse électronique « {mail} » non valable."));
                continue;
            }
            var fn = OndeText.HeaderKey(Field(r, function) ?? "enseignant");
            var role = fn.StartsWith("enseign", StringComparison.Ordinal) || fn.StartsWith("prof", StringComparison.Ordinal) || fn.StartsWith("direct", StringComparison.Ordinal)
                ? Role.Teacher
                : fn is "atsem" or "aesh" or "evs" or "avs" or "personnel" or "personneldecole" ? Role.SchoolStaff : (Role?)null;
            if (role is null)
            {
                report.Errors.Add(new ImportMessage("personnels", r.Line, $"fonction « {Field(r, function)} » inconnue : Enseignant, ATSEM, AESH ou EVS."));
                continue;
            }
            var isDirector = OndeText.ParseYesNo(Field(r, director), out _) == true || fn.StartsWith("direct", StringComparison.Ordinal);
            var classList = (Field(r, classes) ?? "").Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(new StaffRow(r.Line, l, f, mail, role.Value, isDirector, classList));
        }
        return rows;
    }
}
