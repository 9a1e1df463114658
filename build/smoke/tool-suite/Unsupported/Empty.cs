namespace Unsupported;

internal static class Empty
{
}
