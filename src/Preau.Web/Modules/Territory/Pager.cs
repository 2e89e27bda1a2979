using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Preau.Web.Modules.Territory;

/// <summary>What the shared pager partial needs: where we are and how to link to another page with the same filters.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Url)
{
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;

    /// <summary>A URL with the filters that have a value (empty ones are left out) and the page number.</summary>
    public static string Link(string path, int page, params (string Key, string? Value)[] filters)
    {
        var query = filters.Where(f => !string.IsNullOrEmpty(f.Value))
            .Select(f => new KeyValuePair<string, string?>(f.Key, f.Value))
            .Append(new KeyValuePair<string, string?>("p", page.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(path, query);
    }

    /// <summary>The page number within bounds once the total is known.</summary>
    public static int Clamp(int page, int total, int pageSize) => Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
}
