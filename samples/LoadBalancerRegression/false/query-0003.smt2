; Pix solver query (replay: z3 this-file.smt2)
; question: regression: current M:LoadBalancerRegression.BackendPool.LeastLoaded(System.Int32[],System.Boolean[]) > (1 + 0.1) x baseline
; profile: reference
(set-option :timeout 2000)
; ⌊log2 x⌋ + 1 for x ≥ 1, else 0 (exact up to 2^64; see SmtModelEncoder)
(define-fun pix.log2 ((x Real)) Real (ite (< x 1.0) 0.0 (ite (< x 2.0) 1.0  (ite (< x 4.0) 2.0  (ite (< x 8.0) 3.0  (ite (< x 16.0) 4.0  (ite (< x 32.0) 5.0  (ite (< x 64.0) 6.0  (ite (< x 128.0) 7.0  (ite (< x 256.0) 8.0  (ite (< x 512.0) 9.0  (ite (< x 1024.0) 10.0  (ite (< x 2048.0) 11.0  (ite (< x 4096.0) 12.0  (ite (< x 8192.0) 13.0  (ite (< x 16384.0) 14.0  (ite (< x 32768.0) 15.0  (ite (< x 65536.0) 16.0  (ite (< x 131072.0) 17.0  (ite (< x 262144.0) 18.0  (ite (< x 524288.0) 19.0  (ite (< x 1048576.0) 20.0  (ite (< x 2097152.0) 21.0  (ite (< x 4194304.0) 22.0  (ite (< x 8388608.0) 23.0  (ite (< x 16777216.0) 24.0  (ite (< x 33554432.0) 25.0  (ite (< x 67108864.0) 26.0  (ite (< x 134217728.0) 27.0  (ite (< x 268435456.0) 28.0  (ite (< x 536870912.0) 29.0  (ite (< x 1073741824.0) 30.0  (ite (< x 2147483648.0) 31.0  (ite (< x 4294967296.0) 32.0  (ite (< x 8589934592.0) 33.0  (ite (< x 17179869184.0) 34.0  (ite (< x 34359738368.0) 35.0  (ite (< x 68719476736.0) 36.0  (ite (< x 137438953472.0) 37.0  (ite (< x 274877906944.0) 38.0  (ite (< x 549755813888.0) 39.0  (ite (< x 1099511627776.0) 40.0  (ite (< x 2199023255552.0) 41.0  (ite (< x 4398046511104.0) 42.0  (ite (< x 8796093022208.0) 43.0  (ite (< x 17592186044416.0) 44.0  (ite (< x 35184372088832.0) 45.0  (ite (< x 70368744177664.0) 46.0  (ite (< x 140737488355328.0) 47.0  (ite (< x 281474976710656.0) 48.0  (ite (< x 562949953421312.0) 49.0  (ite (< x 1125899906842624.0) 50.0  (ite (< x 2251799813685248.0) 51.0  (ite (< x 4503599627370496.0) 52.0  (ite (< x 9007199254740992.0) 53.0  (ite (< x 18014398509481984.0) 54.0  (ite (< x 36028797018963970.0) 55.0  (ite (< x 72057594037927940.0) 56.0  (ite (< x 144115188075855870.0) 57.0  (ite (< x 288230376151711740.0) 58.0  (ite (< x 576460752303423500.0) 59.0  (ite (< x 1152921504606847000.0) 60.0  (ite (< x 2305843009213694000.0) 61.0  (ite (< x 4611686018427388000.0) 62.0  (ite (< x 9223372036854776000.0) 63.0  (ite (< x 18446744073709552000.0) 64.0 65.0))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
; integer division of the model: by zero gives 0
(define-fun pix.floordiv ((a Real) (b Real)) Real (ite (= b 0.0) 0.0 (to_real (to_int (/ a b)))))
(define-fun pix.ceildiv ((a Real) (b Real)) Real (ite (= b 0.0) 0.0 (- (to_real (to_int (- (/ a b)))))))
(declare-const |connections.Length| Int) ; size: size connections.Length
(assert (<= 0 |connections.Length|))
(define-fun baseline.cost () Real
  (+ (* 0.27 1.0) (* 1.42 (to_real |connections.Length|))))
(define-fun current.cost () Real
  (+ (* 0.27 1.0) (* 1.42 (to_real |connections.Length|))))
(assert (> current.cost (* 1.1 baseline.cost)))
(assert (>= (- current.cost baseline.cost) 0.0))
(check-sat)
(get-value (|connections.Length|))
; answer:
; unsat
; (error "line 19 column 33: model is not available")
; 
