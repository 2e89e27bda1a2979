using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Preau.Web.Modules.Shared;

public static class PageExtensions
{
    public static void SetBreadcrumbs(this ViewDataDictionary viewData, params (string Label, string? Url)[] items) =>
        viewData["Breadcrumbs"] = items;
}

/// <summary>A page of results and the links to move through them; filters stay in the URL.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}
