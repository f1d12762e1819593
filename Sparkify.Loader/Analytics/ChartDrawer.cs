using ScottPlot;

namespace Sparkify.Loader.Analytics;

/// <summary>Draws a <see cref="Chart"/> with ScottPlot, as PNG (for slides) and SVG (for the page and for print).</summary>
public static class ChartDrawer
{
    public const int Width = 900;
    public const int Height = 420;

    // Long labels are cut so the bars keep most of the width; the table beside the chart has them whole.
    private const int LabelLength = 44;

    // Enough labels to read a month of days without their overlapping.
    private const int MostCategoryLabels = 16;

    public static byte[] Png(Chart chart) => Draw(chart).GetImageBytes(Width, Height, ImageFormat.Png);

    public static string Svg(Chart chart) => Draw(chart).GetSvgXml(Width, Height);

    private static Plot Draw(Chart chart)
    {
        var plot = new Plot();
        // DejaVu Sans ships with Debian and most Linux desktops; ScottPlot falls back to its default font without it.
        plot.Font.Set("DejaVu Sans");
        if (chart.Categories.Count == 0)
        {
            plot.Add.Annotation("No plays yet", Alignment.MiddleCenter);
            plot.HideAxesAndGrid();
            return plot;
        }
        AddBars(plot, chart);
        var horizontal = chart.Layout == ChartLayout.Bars;
        var categoryAxis = horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        var valueAxis = horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        LabelCategories(categoryAxis, chart, everyNth: horizontal ? 1 : (chart.Categories.Count + MostCategoryLabels - 1) / MostCategoryLabels);
        valueAxis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (horizontal)
        {
            plot.Axes.Margins(left: 0, right: 0.1, bottom: 0.03, top: 0.03);
            plot.Grid.YAxisStyle.IsVisible = false;
        }
        else
        {
            plot.Axes.Margins(bottom: 0, top: 0.12);
            plot.Grid.XAxisStyle.IsVisible = false;
        }
        if (chart.Series.Count > 1)
            plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void AddBars(Plot plot, Chart chart)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var width = 0.8 / chart.Series.Count;
        var bars = new List<Bar>();
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var color = palette.GetColor(s);
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                var value = chart.Series[s].Values[c];
                bars.Add(new Bar
                {
                    Position = Slot(chart, c) - 0.4 + width * (s + 0.5),
                    Value = value,
                    Size = width,
                    FillColor = color,
                    LineWidth = 0,
                    Label = value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
            if (chart.Series.Count > 1)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Name, FillColor = color });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = chart.Layout == ChartLayout.Bars;
        barPlot.ValueLabelStyle.FontSize = chart.Categories.Count * chart.Series.Count > 40 ? 9 : 11;
    }

    /// <summary>Where category <paramref name="index"/> sits: left to right, or top to bottom for bars (the first, largest, on top, as the table lists it).</summary>
    private static double Slot(Chart chart, int index) => chart.Layout == ChartLayout.Bars ? chart.Categories.Count - 1 - index : index;

    private static void LabelCategories(IAxis axis, Chart chart, int everyNth)
    {
        var shown = Enumerable.Range(0, chart.Categories.Count).Where(i => i % everyNth == 0).ToArray();
        axis.SetTicks([.. shown.Select(i => Slot(chart, i))], [.. shown.Select(i => Shorten(chart.Categories[i]))]);
        axis.MajorTickStyle.Length = 0;
        axis.MinorTickStyle.Length = 0;
    }

    private static string Shorten(string label) => label.Length <= LabelLength ? label : label[..(LabelLength - 1)].TrimEnd() + "…";
}
