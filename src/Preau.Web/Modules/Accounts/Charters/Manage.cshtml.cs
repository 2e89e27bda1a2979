using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Charters;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class ManageModel(PreauDbContext db, TimeProvider time, CharterService charters) : PageModel
{
    public IReadOnlyList<Charter> Current { get; private set; } = [];

    [TempData]
    public string? Published { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(CharterAudience audience, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 50_000)
        {
            ModelState.AddModelError("Text", "Le texte de la charte est obligatoire (50 000 caractères au plus).");
            await LoadAsync();
            return Page();
        }
        var last = await db.Charters.Where(c => c.Audience == audience).MaxAsync(c => (int?)c.Version) ?? 0;
        db.Charters.Add(new Charter { Audience = audience, Version = last + 1, Text = text.Trim(), PublishedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        charters.Published(audience);
        Published = $"Version {last + 1} publiée.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var all = await db.Charters.AsNoTracking().ToListAsync();
        Current = [.. Enum.GetValues<CharterAudience>()
            .Select(a => all.Where(c => c.Audience == a).OrderByDescending(c => c.Version).FirstOrDefault()
                ?? new Charter { Audience = a, Version = 0, Text = "" })];
    }
}
