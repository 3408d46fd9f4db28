using System;
using System.Runtime.CompilerServices;

namespace Pix.Aliasing;

/// <summary>
/// Geometry.Multiply's loop nest on matrices placed in one pinned buffer where the caller says: b at
/// the start of a 4 KiB page, a two pages on, the product <c>offset</c> bytes past a page start (mod 4096).
/// Only the placement differs between two instances, so a time that follows the offset is the
/// product's stores aliasing b's loads (their addresses equal in the low 12 bits).
/// </summary>
internal sealed unsafe class PlacedMatrices
{
    private const int Page = 4096;
    private readonly double[] _buffer;
    private readonly int _n;
    private readonly int _a;
    private readonly int _b;
    private readonly int _product;

    public PlacedMatrices(int n, int productOffset, int seed)
    {
        if (productOffset % sizeof(double) != 0 || productOffset < 0 || productOffset >= Page)
        {
            throw new ArgumentOutOfRangeException(nameof(productOffset), productOffset, "A multiple of 8 in [0, 4096).");
        }

        _n = n;
        int matrixPages = (n * n * sizeof(double) + Page - 1) / Page;
        _buffer = GC.AllocateUninitializedArray<double>((4 + (3 * matrixPages)) * Page / sizeof(double), pinned: true);
        int first = ElementsToPage(_buffer);
        _b = first;
        _a = first + ((matrixPages + 1) * Page / sizeof(double));
        _product = first + ((2 * matrixPages + 2) * Page / sizeof(double)) + (productOffset / sizeof(double));
        var random = new Random(seed);
        for (int i = 0; i < n * n; i++)
        {
            _buffer[_a + i] = random.NextDouble();
            _buffer[_b + i] = random.NextDouble();
        }
    }

    /// <summary>Where the product starts against b, mod 4096 (what the constructor was asked for).</summary>
    public long ProductMinusB => (Address(_product) - Address(_b)) % Page;

    /// <summary>The same i-k-j nest as Geometry.Multiply, the product cleared first as a fresh array is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Multiply()
    {
        int n = _n;
        ReadOnlySpan<double> a = _buffer.AsSpan(_a, n * n);
        ReadOnlySpan<double> b = _buffer.AsSpan(_b, n * n);
        Span<double> product = _buffer.AsSpan(_product, n * n);
        product.Clear();
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    product[i * n + j] += aik * b[k * n + j];
                }
            }
        }

        return (int)product[n + 1];
    }

    private long Address(int element)
    {
        fixed (double* p = &_buffer[element])
        {
            return (long)p;
        }
    }

    private static int ElementsToPage(double[] pinned)
    {
        fixed (double* p = pinned)
        {
            long misalignment = (long)p % Page;
            return misalignment == 0 ? 0 : (int)((Page - misalignment) / sizeof(double));
        }
    }
}
