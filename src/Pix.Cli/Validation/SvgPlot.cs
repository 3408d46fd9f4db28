using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;

namespace Pix.Cli.Validation;

/// <summary>
/// A log–log plot of latency against input size: for each method, the prediction as a line and the
/// measurements as dots with their interquartile range. Plain SVG text, no native dependencies.
/// </summary>
internal static class SvgPlot
{
    private const int Width = 760;
    private const int Height = 480;
    private const int Left = 80;
    private const int Right = 220;
    private const int Top = 30;
    private const int Bottom = 60;

    private static readonly string[] Colors = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf" };

    public static string Write(IReadOnlyList<MethodValidation> methods, string title)
    {
        var points = methods.SelectMany(m => m.Points).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException("Nothing to plot.", nameof(methods));
        }

        double minX = points.Min(p => p.Size), maxX = points.Max(p => p.Size);
        IEnumerable<double> ys = points.SelectMany(p => new[] { p.Predicted.Nanoseconds, p.Measured.LowerQuartile.Nanoseconds, p.Measured.UpperQuartile.Nanoseconds }).Where(y => y > 0);
        double minY = ys.Min(), maxY = ys.Max();
        var x = new LogAxis(minX, maxX, Left, Width - Right);
        var y = new LogAxis(minY, maxY, Height - Bottom, Top);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append($"<text x=\"{Left}\" y=\"18\" font-size=\"14\">{Escape(title)}</text>\n");
        Grid(svg, x, y);

        for (int i = 0; i < methods.Count; i++)
        {
            string color = Colors[i % Colors.Length];
            ValidationPoint[] series = methods[i].Points.OrderBy(p => p.Size).ToArray();
            string line = string.Join(" ", series.Select(p => $"{N(x.Map(p.Size))},{N(y.Map(p.Predicted.Nanoseconds))}"));
            svg.Append($"<polyline points=\"{line}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>\n");
            foreach (ValidationPoint p in series)
            {
                double px = x.Map(p.Size);
                svg.Append($"<line x1=\"{N(px)}\" x2=\"{N(px)}\" y1=\"{N(y.Map(p.Measured.LowerQuartile.Nanoseconds))}\" y2=\"{N(y.Map(p.Measured.UpperQuartile.Nanoseconds))}\" stroke=\"{color}\"/>\n");
                svg.Append($"<circle cx=\"{N(px)}\" cy=\"{N(y.Map(p.Measured.Median.Nanoseconds))}\" r=\"4\" fill=\"white\" stroke=\"{color}\" stroke-width=\"2\"><title>{Escape(methods[i].Method)} size {p.Size}: predicted {p.Predicted}, measured {p.Measured}</title></circle>\n");
            }

            int legendY = Top + 10 + (i * 36);
            int legendX = Width - Right + 16;
            svg.Append($"<line x1=\"{legendX}\" x2=\"{legendX + 24}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"/>\n");
            svg.Append($"<circle cx=\"{legendX + 12}\" cy=\"{legendY + 14}\" r=\"4\" fill=\"white\" stroke=\"{color}\" stroke-width=\"2\"/>\n");
            string shortName = methods[i].Method.Substring(methods[i].Method.LastIndexOf('.') + 1);
            svg.Append($"<text x=\"{legendX + 30}\" y=\"{legendY + 4}\">{Escape(shortName)} predicted</text>\n");
            svg.Append($"<text x=\"{legendX + 30}\" y=\"{legendY + 18}\">measured (MAPE {(methods[i].Mape * 100).ToString("0.0", CultureInfo.InvariantCulture)}%)</text>\n");
        }

        svg.Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\">input size</text>\n");
        svg.Append($"<text transform=\"translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">latency</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Grid(StringBuilder svg, LogAxis x, LogAxis y)
    {
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#444\"/>\n");
        foreach (double decade in x.Decades())
        {
            double px = x.Map(decade);
            svg.Append($"<line x1=\"{N(px)}\" x2=\"{N(px)}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/>\n");
            svg.Append($"<text x=\"{N(px)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{decade.ToString("G", CultureInfo.InvariantCulture)}</text>\n");
        }

        foreach (double decade in y.Decades())
        {
            double py = y.Map(decade);
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(py)}\" y2=\"{N(py)}\" stroke=\"#ddd\"/>\n");
            svg.Append($"<text x=\"{Left - 6}\" y=\"{N(py + 4)}\" text-anchor=\"end\">{Escape(new Latency(decade).ToString())}</text>\n");
        }
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    /// <summary>Maps a positive value to a pixel on a log scale, padded to whole decades.</summary>
    private readonly struct LogAxis
    {
        private readonly double _low;
        private readonly double _high;
        private readonly double _from;
        private readonly double _to;

        public LogAxis(double min, double max, double from, double to)
        {
            _low = Math.Floor(Math.Log10(min));
            _high = Math.Max(_low + 1, Math.Ceiling(Math.Log10(max)));
            _from = from;
            _to = to;
        }

        public double Map(double value) => _from + ((Math.Log10(value) - _low) / (_high - _low) * (_to - _from));

        public IEnumerable<double> Decades()
        {
            for (double e = _low; e <= _high; e++)
            {
                yield return Math.Pow(10, e);
            }
        }
    }
}
