using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>
/// Login letters: chooses who gets one (for a class, a school or one person), generates their first
/// passwords, stores only the hashes (new security stamp, so the old password and open sessions end) and
/// draws the PDF. Passwords live in memory and on paper only; the audit trail keeps ids and counts.
/// </summary>
public sealed class LoginLetters(PreauDbContext db, ProvisionalPasswordHasher hasher, AuditTrail audit, TimeProvider time, ILogger<LoginLetters> logger)
{
    public const string DefaultLoginPath = "/connexion";

    private sealed record ClassInfo(Guid Id, string Name);

    private DateOnly Today => Platform.Time.ParisDate.Today(time);

    /// <summary>The pupils of a class and their guardians; null when the class does not exist.</summary>
    public async Task<LetterSelection?> ForClassAsync(Guid classId, bool includeUsed, CancellationToken ct = default)
    {
        var cls = await (from c in db.Classes.AsNoTracking()
                         join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                         where c.Id == classId
                         select new { c.Id, c.Name, School = s.Name }).FirstOrDefaultAsync(ct);
        if (cls is null)
        {
            return null;
        }
        return await ForClassesAsync(cls.School, cls.Name, [new ClassInfo(cls.Id, cls.Name)], includeUsed, ct);
    }

    /// <summary>The pupils of the school's current classes and their guardians; null when the school does not exist.</summary>
    public async Task<LetterSelection?> ForSchoolAsync(Guid schoolId, bool includeUsed, CancellationToken ct = default)
    {
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (school is null)
        {
            return null;
        }
        var classes = await (from c in db.Classes.AsNoTracking()
                             join y in db.SchoolYears.AsNoTracking() on c.SchoolYearId equals y.Id
                             where c.SchoolId == schoolId && y.IsCurrent && !c.IsArchived
                             orderby c.Name
                             select new ClassInfo(c.Id, c.Name)).ToListAsync(ct);
        return await ForClassesAsync(school, school, classes, includeUsed, ct);
    }

    /// <summary>One person's letter, whether or not the account was used; null when the person has no account.</summary>
    public async Task<LetterSelection?> ForPersonAsync(Guid personId, CancellationToken ct = default)
    {
        var row = await (from p in db.Persons.AsNoTracking()
                         join u in db.Users.AsNoTracking() on p.Id equals u.Id
                         where p.Id == personId
                         select new { p.FirstName, p.LastName, u.UserName, u.IsPupil, u.LastLoginAt }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var today = Today;
        var currentClasses = CurrentClassesOf([personId]);
        var own = await currentClasses.FirstOrDefaultAsync(ct);
        var children = await ChildrenAsync([personId], ct);
        var schoolId = own?.SchoolId ?? children.Values.SelectMany(c => c).Select(c => c.SchoolId).FirstOrDefault(s => s is not null);
        if (schoolId is null)
        {
            schoolId = await db.Memberships.AsNoTracking()
                .Where(m => m.PersonId == personId && m.ScopeType == ScopeType.School && (m.EndsOn == null || m.EndsOn >= today))
                .Select(m => m.ScopeId).FirstOrDefaultAsync(ct);
        }
        var schoolName = schoolId is null ? "" : await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
        var recipient = new LetterRecipient(personId, row.FirstName, row.LastName, row.UserName ?? "", row.IsPupil, own?.ClassName,
            children.TryGetValue(personId, out var mine) ? [.. mine.Select(c => c.Child)] : [], row.LastLoginAt is not null);
        return new LetterSelection(schoolName, recipient.Name, [recipient], 0);
    }

    private sealed record PupilClass(Guid PersonId, Guid ClassId, string ClassName, Guid? SchoolId);

    private sealed record ChildRow(LetterChild Child, Guid? SchoolId);

    /// <summary>Active pupil memberships in a class of the current year.</summary>
    private IQueryable<PupilClass> CurrentClassesOf(List<Guid> personIds)
    {
        var today = Today;
        return from m in db.Memberships.AsNoTracking()
               where personIds.Contains(m.PersonId) && m.Role == Role.Pupil && m.ScopeType == ScopeType.Class
                   && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
               join c in db.Classes.AsNoTracking() on m.ScopeId equals c.Id
               join y in db.SchoolYears.AsNoTracking() on c.SchoolYearId equals y.Id
               where y.IsCurrent
               orderby c.Name
               select new PupilClass(m.PersonId, c.Id, c.Name, c.SchoolId);
    }

    /// <summary>Every child of these guardians, with their current class.</summary>
    private async Task<Dictionary<Guid, List<ChildRow>>> ChildrenAsync(List<Guid> guardianIds, CancellationToken ct)
    {
        var links = await (from l in db.GuardianLinks.AsNoTracking()
                           where guardianIds.Contains(l.GuardianId)
                           join p in db.Persons.AsNoTracking() on l.PupilId equals p.Id
                           orderby p.FirstName, p.LastName
                           select new { l.GuardianId, p.Id, p.FirstName, p.LastName }).ToListAsync(ct);
        var childIds = links.Select(l => l.Id).Distinct().ToList();
        var classes = (await CurrentClassesOf(childIds).ToListAsync(ct)).GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.First());
        return links.GroupBy(l => l.GuardianId).ToDictionary(g => g.Key, g => g
            .Select(l => classes.TryGetValue(l.Id, out var c)
                ? new ChildRow(new LetterChild($"{l.FirstName} {l.LastName}", c.ClassName), c.SchoolId)
                : new ChildRow(new LetterChild($"{l.FirstName} {l.LastName}", null), null))
            .ToList());
    }

    private async Task<LetterSelection> ForClassesAsync(string schoolName, string title, List<ClassInfo> classes, bool includeUsed, CancellationToken ct)
    {
        var today = Today;
        var classIds = classes.Select(c => (Guid?)c.Id).ToList();
        var pupils = await (from m in db.Memberships.AsNoTracking()
                            where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId)
                                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                            join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                            join u in db.Users.AsNoTracking() on p.Id equals u.Id
                            where !u.IsDisabled && !p.IsArchived
                            select new { ClassId = m.ScopeId!.Value, p.Id, p.FirstName, p.LastName, u.UserName, u.LastLoginAt }).ToListAsync(ct);
        var pupilIds = pupils.Select(p => p.Id).Distinct().ToList();
        var links = await db.GuardianLinks.AsNoTracking().Where(l => pupilIds.Contains(l.PupilId))
            .Select(l => new { l.GuardianId, l.PupilId }).ToListAsync(ct);
        var guardianIds = links.Select(l => l.GuardianId).Distinct().ToList();
        // Guardians who are also staff (or hold any other role) keep the accounts their own roles manage: no letter here.
        var withOtherRoles = (await db.Memberships.AsNoTracking()
            .Where(m => guardianIds.Contains(m.PersonId) && m.Role != Role.Guardian && m.Role != Role.Pupil)
            .Select(m => m.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
        var guardians = (await (from p in db.Persons.AsNoTracking()
                                where guardianIds.Contains(p.Id)
                                join u in db.Users.AsNoTracking() on p.Id equals u.Id
                                where !u.IsDisabled && !p.IsArchived
                                select new { p.Id, p.FirstName, p.LastName, u.UserName, u.LastLoginAt }).ToListAsync(ct))
            .Where(g => !withOtherRoles.Contains(g.Id)).ToDictionary(g => g.Id);
        var children = await ChildrenAsync([.. guardians.Keys], ct);
        var guardiansOf = links.ToLookup(l => l.PupilId, l => l.GuardianId);

        var recipients = new List<LetterRecipient>();
        var printed = new HashSet<Guid>();
        var usedLeftOut = 0;
        void Add(LetterRecipient r)
        {
            if (!printed.Add(r.PersonId))
            {
                return;
            }
            if (r.AlreadyUsed && !includeUsed)
            {
                usedLeftOut++;
                return;
            }
            recipients.Add(r);
        }
        var byClass = pupils.ToLookup(p => p.ClassId);
        foreach (var cls in classes)
        {
            foreach (var p in byClass[cls.Id].OrderBy(p => p.LastName, StringComparer.CurrentCulture).ThenBy(p => p.FirstName, StringComparer.CurrentCulture))
            {
                Add(new LetterRecipient(p.Id, p.FirstName, p.LastName, p.UserName ?? "", true, cls.Name, [], p.LastLoginAt is not null));
                foreach (var gid in guardiansOf[p.Id].Distinct())
                {
                    if (guardians.TryGetValue(gid, out var g))
                    {
                        Add(new LetterRecipient(g.Id, g.FirstName, g.LastName, g.UserName ?? "", false, null,
                            children.TryGetValue(g.Id, out var c) ? [.. c.Select(x => x.Child)] : [], g.LastLoginAt is not null));
                    }
                }
            }
        }
        return new LetterSelection(schoolName, title, recipients, usedLeftOut);
    }

    /// <summary>
    /// Generates a first password for every recipient, draws the letters, then stores the hashes (pupils keep
    /// their simple password; adults must choose their own at first login) together with the audit event.
    /// Returns the PDF.
    /// </summary>
    public async Task<byte[]> PrintAsync(LetterSelection selection, string loginUrl, Guid? actorId, string targetType, Guid targetId,
        Action<string>? progress = null, CancellationToken ct = default)
    {
        var recipients = selection.Recipients;
        var passwords = recipients.Select(r => r.IsPupil ? PasswordPolicy.GeneratePupilPassword() : PasswordPolicy.GenerateAdultPassword()).ToArray();
        var letters = recipients.Select((r, i) => new PrintedLetter(r, passwords[i])).ToList();

        progress?.Invoke($"Mise en page de {letters.Count} lettres…");
        var pdf = LetterPdf.Render(selection.SchoolName, loginUrl, letters);

        progress?.Invoke("Enregistrement des nouveaux mots de passe…");
        var ids = recipients.Select(r => r.PersonId).ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var hashes = new string[recipients.Count];
        // Hashing is deliberately slow (PBKDF2): use every core.
        Parallel.For(0, recipients.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            if (users.TryGetValue(recipients[i].PersonId, out var user))
            {
                hashes[i] = hasher.HashPassword(user, passwords[i]);
            }
        });
        var count = 0;
        for (var i = 0; i < recipients.Count; i++)
        {
            if (!users.TryGetValue(recipients[i].PersonId, out var user))
            {
                continue;
            }
            user.PasswordHash = hashes[i];
            user.MustChangePassword = !user.IsPupil;
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            // A new stamp ends the sessions opened with the old password.
            user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            count++;
        }
        audit.Add(actorId, "letters.printed", targetType, targetId, $"{count} lettres");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Login letters printed for {TargetType} {TargetId}: {Count} accounts", targetType, targetId, count);
        return pdf;
    }

    /// <summary>The login page's address printed on letters: Preau:PublicUrl when set, else the given base.</summary>
    public static string LoginUrl(IConfiguration configuration, string fallbackBase) =>
        Platform.Web.PublicAddress.Root(configuration, fallbackBase) + DefaultLoginPath;

    /// <summary>An ASCII file name: "lettres-" and a slug of <paramref name="what"/>.</summary>
    public static string FileName(string what)
    {
        var normalized = what.Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > 60)
        {
            slug = slug[..60].TrimEnd('-');
        }
        return $"lettres-{(slug.Length == 0 ? "preau" : slug)}.pdf";
    }
}
