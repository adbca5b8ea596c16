#include "textflag.h"

// func addBlocksAVX2(acc *int32, base unsafe.Pointer, starts *uint32, n, nblocks int)
TEXT ·addBlocksAVX2(SB), NOSPLIT, $0-40
	MOVQ acc+0(FP), DI
	MOVQ base+8(FP), SI
	MOVQ starts+16(FP), BX
	MOVQ n+24(FP), CX
	MOVQ nblocks+32(FP), DX

group4:
	// Four blocks (32 classes) at a time, summed in registers over
	// every row.
	CMPQ DX, $4
	JLT  single
	VMOVDQU 0(DI), Y0
	VMOVDQU 32(DI), Y1
	VMOVDQU 64(DI), Y2
	VMOVDQU 96(DI), Y3
	XORQ R8, R8

row4:
	CMPQ R8, CX
	JGE  done4
	MOVL (BX)(R8*4), R9
	LEAQ (SI)(R9*4), R10
	VPMOVSXWD 0(R10), Y4
	VPMOVSXWD 16(R10), Y5
	VPMOVSXWD 32(R10), Y6
	VPMOVSXWD 48(R10), Y7
	VPADDD Y4, Y0, Y0
	VPADDD Y5, Y1, Y1
	VPADDD Y6, Y2, Y2
	VPADDD Y7, Y3, Y3
	INCQ R8
	JMP  row4

done4:
	VMOVDQU Y0, 0(DI)
	VMOVDQU Y1, 32(DI)
	VMOVDQU Y2, 64(DI)
	VMOVDQU Y3, 96(DI)
	ADDQ $128, DI
	ADDQ $64, SI
	SUBQ $4, DX
	JMP  group4

single:
	TESTQ DX, DX
	JEQ   end
	VMOVDQU 0(DI), Y0
	XORQ R8, R8

row1:
	CMPQ R8, CX
	JGE  done1
	MOVL (BX)(R8*4), R9
	LEAQ (SI)(R9*4), R10
	VPMOVSXWD 0(R10), Y4
	VPADDD Y4, Y0, Y0
	INCQ R8
	JMP  row1

done1:
	VMOVDQU Y0, 0(DI)
	ADDQ $32, DI
	ADDQ $16, SI
	DECQ DX
	JMP  single

end:
	VZEROUPPER
	RET
