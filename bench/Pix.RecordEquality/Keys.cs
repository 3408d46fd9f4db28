namespace Pix.RecordEquality;

// Record structs of 1 to 6 fields, 4 bytes each (K1..K6), the flow key's shape (4, 4, 2, 2, 1 bytes: F5), that
// shape less its last byte (F4) and eight bytes (B8): the compiler writes each one's Equals(T) as one
// EqualityComparer<F>.Default.Equals per field, so its IL grows by 24 bytes a field whatever the field's width.
internal readonly record struct K1(uint A);
internal readonly record struct K2(uint A, uint B);
internal readonly record struct K3(uint A, uint B, uint C);
internal readonly record struct K4(uint A, uint B, uint C, uint D);
internal readonly record struct K5(uint A, uint B, uint C, uint D, uint E);
internal readonly record struct K6(uint A, uint B, uint C, uint D, uint E, uint F);
internal readonly record struct F4(uint SourceIp, uint DestinationIp, ushort SourcePort, ushort DestinationPort);
internal readonly record struct F5(uint SourceIp, uint DestinationIp, ushort SourcePort, ushort DestinationPort, byte Protocol);
internal readonly record struct B8(byte A, byte B, byte C, byte D, byte E, byte F, byte G, byte H);
