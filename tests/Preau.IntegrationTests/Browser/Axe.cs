using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Preau.IntegrationTests.Browser;

/// <summary>axe-core on the current page, WCAG 2.1 levels A and AA; fails with a readable list of violations.</summary>
internal static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        });
        // No passing rule at all would mean axe did not really run on the page.
        Assert.True(result.Passes.Length > 0, $"axe-core reported no passing rule on {name} ({page.Url}).");
        if (result.Violations.Length == 0)
        {
            return;
        }
        var report = new StringBuilder();
        report.AppendLine($"axe-core (WCAG 2.1 A/AA) found {result.Violations.Length} violation(s) on {name} ({page.Url}):");
        foreach (var v in result.Violations)
        {
            report.AppendLine($"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                report.AppendLine($"    at {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    report.AppendLine("      " + check.Message?.ReplaceLineEndings(" "));
                }
            }
        }
        Assert.Fail(report.ToString());
    }
}
