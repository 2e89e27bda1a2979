using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework;

/// <summary>The subjects of a class: seeded on first use from the official primary programmes for the class's levels.</summary>
public sealed class SubjectCatalog(PreauDbContext db)
{
    private static readonly string[] Maternelle =
    [
        "Mobiliser le langage dans toutes ses dimensions", "Agir, s'exprimer, comprendre à travers l'activité physique",
        "Agir, s'exprimer, comprendre à travers les activités artistiques", "Acquérir les premiers outils mathématiques", "Explorer le monde",
    ];

    private static readonly string[] Cycle2 =
    [
        "Français", "Mathématiques", "Questionner le monde", "Langues vivantes", "Arts plastiques", "Éducation musicale",
        "Éducation physique et sportive", "Enseignement moral et civique",
    ];

    private static readonly string[] Cycle3 =
    [
        "Français", "Mathématiques", "Sciences et technologie", "Histoire-géographie", "Langues vivantes", "Arts plastiques",
        "Éducation musicale", "Éducation physique et sportive", "Enseignement moral et civique",
    ];

    /// <summary>The official subjects for these levels, in programme order (a mixed class gets the union).</summary>
    public static IReadOnlyList<string> Defaults(Levels levels)
    {
        var names = new List<string>();
        if ((levels & (Levels.Tps | Levels.Ps | Levels.Ms | Levels.Gs)) != 0)
        {
            names.AddRange(Maternelle);
        }
        if ((levels & (Levels.Cp | Levels.Ce1 | Levels.Ce2)) != 0)
        {
            names.AddRange(Cycle2);
        }
        if ((levels & (Levels.Cm1 | Levels.Cm2)) != 0)
        {
            names.AddRange(Cycle3);
        }
        if (names.Count == 0)
        {
            names.AddRange(Cycle2);
        }
        return [.. names.Distinct()];
    }

    /// <summary>The class's subjects, all of them (hidden ones last), creating the defaults the first time.</summary>
    public async Task<IReadOnlyList<Subject>> EnsureAsync(Guid classId, CancellationToken ct = default)
    {
        var subjects = await db.HomeworkSubjects.Where(s => s.ClassId == classId).OrderBy(s => s.IsHidden).ThenBy(s => s.Position).ToListAsync(ct);
        if (subjects.Count > 0)
        {
            return subjects;
        }
        var levels = await db.Classes.Where(c => c.Id == classId).Select(c => c.Levels).FirstOrDefaultAsync(ct);
        subjects = [.. Defaults(levels).Select((name, i) => new Subject { ClassId = classId, Name = name, Position = i })];
        db.HomeworkSubjects.AddRange(subjects);
        await db.SaveChangesAsync(ct);
        return subjects;
    }
}
